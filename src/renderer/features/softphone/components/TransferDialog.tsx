import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import {
  cancelConsultation,
  completeAttendedTransfer,
  dialTarget,
  isCallTarget,
  startConsultation,
  transferCall,
} from '../softphoneCommands';
import { selectConsultation } from '../softphoneSlice';

type Mode = 'blind' | 'attended';

/**
 * Blind: REFER straight to the target. Attended: the caller waits on hold while the operator
 * talks to the target, then REFER with Replaces joins them (or the operator returns to the caller).
 */
export function TransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const consult = useAppSelector(selectConsultation);
  const [mode, setMode] = useState<Mode>('blind');
  const [text, setText] = useState('');
  const target = dialTarget(text.trim());
  const valid = isCallTarget(target);
  const submit = () => {
    if (!valid) return;
    if (mode === 'blind') {
      void dispatch(transferCall(target));
      setText('');
      onClose();
    } else void dispatch(startConsultation(target));
  };
  const close = () => {
    // Closing mid-consultation must not strand the caller on hold.
    if (consult) void dispatch(cancelConsultation());
    setText('');
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="transfer-title"
      data-testid="softphone-transfer-dialog"
    >
      <DialogTitle id="transfer-title">{t('softphone.transferTitle')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1.5 }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          disabled={consult !== null}
          onChange={(_e, next: Mode | null) => next && setMode(next)}
          aria-label={t('softphone.transferMode')}
        >
          <ToggleButton value="blind">{t('softphone.transferBlind')}</ToggleButton>
          <ToggleButton value="attended">{t('softphone.transferAttended')}</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={t('softphone.transferTarget')}
          value={text}
          disabled={consult !== null}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
          error={text.trim() !== '' && !valid}
          helperText={text.trim() !== '' && !valid ? t('softphone.transferInvalid') : ' '}
          slotProps={{ htmlInput: { maxLength: 80 } }}
        />
        {consult && (
          <Alert severity="info" data-testid="softphone-consult" role="status">
            {consult.phase === 'active'
              ? t('softphone.consultActive', { target: consult.target })
              : t('softphone.consultDialing', { target: consult.target })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {consult ? (
          <>
            <Button onClick={close}>{t('softphone.consultCancel')}</Button>
            <Button
              variant="contained"
              disabled={consult.phase !== 'active'}
              onClick={() => {
                void dispatch(completeAttendedTransfer());
                setText('');
                onClose();
              }}
            >
              {t('softphone.consultComplete')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close}>{t('softphone.cancel')}</Button>
            <Button variant="contained" disabled={!valid} onClick={submit}>
              {mode === 'blind' ? t('softphone.transfer') : t('softphone.consultStart')}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
