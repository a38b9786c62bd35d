import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { selectRuleSet } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { fieldLabel, issueMessage } from '../../../i18n/issueMessage';
import { useT } from '../../../i18n/useT';
import { scriptFieldOf } from '../formLayout';
import { registerAppeal } from '../intakeThunks';
import {
  selectHasTypedWork,
  selectIntake,
  selectIntakeStatus,
  selectSaveError,
  selectVisibleIssues,
} from '../intakeSelectors';
import { startNewAppeal } from '../newAppeal';

/** What stops saving, and the button (Ctrl+S). */
export function SaveBar({ renderedFields }: { renderedFields: ReadonlySet<string> }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectIntakeStatus);
  const saveError = useAppSelector(selectSaveError);
  const issues = useAppSelector(selectVisibleIssues);
  const submitAttempted = useAppSelector(selectIntake).submitAttempted;
  const ruleSet = useAppSelector(selectRuleSet);
  const typedWork = useAppSelector(selectHasTypedWork);
  if (status === 'saved') return null;
  // Problems of fields the form does not show (e.g. the service rejected an unknown field).
  const orphans = [...issues.values()].filter((i) => {
    const f = scriptFieldOf(i.path);
    return f === null || !renderedFields.has(f);
  });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {submitAttempted && issues.size > 0 && (
        <Alert severity="error" role="alert">
          {t('intake.fixProblems', { count: issues.size })}
          {orphans.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label={t('intake.otherProblems')}>
              {orphans.map((i) => (
                <li key={i.path}>
                  {issueMessage(t, i, ruleSet)} {fieldLabel(t, i.path) === i.path ? `(${i.message})` : ''}
                </li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      {saveError && (
        <Alert severity="error" role="alert">
          {t('intake.saveFailed', {
            // A role that may not register appeals (the service's `forbidden`), in the user's language.
            message: saveError.code === 'forbidden' ? t('intake.forbidden') : saveError.message,
          })}
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Button
          variant="contained"
          data-testid="register-appeal"
          onClick={() => void dispatch(registerAppeal())}
          disabled={status === 'saving'}
          startIcon={status === 'saving' ? <CircularProgress size={18} color="inherit" /> : undefined}
        >
          {status === 'saving' ? t('intake.registering') : t('intake.register')}
        </Button>
        <Typography variant="caption" color="text.secondary">
          Ctrl+S
        </Typography>
        <Button
          color="inherit"
          startIcon={<DeleteOutlined />}
          disabled={!typedWork || status !== 'editing'}
          onClick={() => dispatch(startNewAppeal())}
          aria-keyshortcuts="Control+N"
          sx={{ ml: 'auto', color: 'text.secondary' }}
        >
          {t('intake.discard')}
        </Button>
      </Box>
    </Box>
  );
}
