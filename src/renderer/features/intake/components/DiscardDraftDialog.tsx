import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { draftDiscardCancelled } from '../intakeSlice';
import { selectIntake } from '../intakeSelectors';
import { discardDraft } from '../newAppeal';

/**
 * Asked before a draft with typed work gives way to a new appeal; keeping it is the default (and
 * puts the cursor back where it was, while discarding puts it on the new form's first field).
 */
export function DiscardDraftDialog() {
  const t = useT();
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectIntake).discardAsked;
  const keep = () => dispatch(draftDiscardCancelled());
  return (
    <Dialog
      open={open}
      onClose={keep}
      aria-labelledby="discard-draft-title"
      aria-describedby="discard-draft-body"
    >
      <DialogTitle id="discard-draft-title">{t('intake.discardTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="discard-draft-body">{t('intake.discardBody')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={keep}>
          {t('intake.keepEditing')}
        </Button>
        <Button color="error" variant="contained" onClick={() => dispatch(discardDraft())}>
          {t('intake.discardConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
