import { useEffect, useRef } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import { newAppealStarted } from '../intakeSlice';
import { intakeRequested } from '../../../app/navigationSlice';
import { selectSavedAppeal } from '../intakeSelectors';

/** The closing step: the number and the deadline, large enough to read out to the caller. */
export function SavedPanel() {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const saved = useAppSelector(selectSavedAppeal);
  const newButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved) newButton.current?.focus();
  }, [saved]);
  if (!saved) return null;
  return (
    <Alert
      severity="success"
      role="status"
      data-testid="saved-panel"
      action={
        <Button
          ref={newButton}
          variant="contained"
          color="success"
          onClick={() => {
            dispatch(newAppealStarted());
            // The button goes away with the saved state: put the cursor on the new form's first field.
            dispatch(intakeRequested());
          }}
        >
          {t('intake.newAppeal')}
        </Button>
      }
    >
      <AlertTitle>{t('intake.savedTitle')}</AlertTitle>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Box>
          <Typography variant="caption" component="div">
            {t('intake.savedNumber')}
          </Typography>
          <Typography
            variant="h5"
            component="div"
            data-testid="saved-number"
            sx={{ fontFamily: 'Roboto Mono, monospace', fontWeight: 500 }}
          >
            {saved.number}
          </Typography>
        </Box>
        <Box>
          <Typography variant="caption" component="div">
            {t('intake.savedDeadline')}
          </Typography>
          <Typography variant="h5" component="div" data-testid="saved-deadline">
            {format.date(saved.deadlineOn)}
          </Typography>
        </Box>
      </Box>
      {saved.priority && <Typography variant="body2">{t('intake.savedPriority')}</Typography>}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('intake.readBack')}
      </Typography>
    </Alert>
  );
}
