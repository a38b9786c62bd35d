import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { lifecycleStateOf, mayAct } from '../../../../shared/domain/lifecycle';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { appealNumber } from '../../appeals/appealDisplay';
import { selectAppealState } from '../../appeals/appealStateSlice';
import { isBusy } from '../../appeals/components/actions/AppealActions';
import { ChangeNotices } from '../../appeals/components/ChangeNotices';
import { selectActor } from '../../auth/authSlice';
import { ClickToCallButton } from '../../softphone/components/ClickToCallButton';
import { selectWorkLists } from '../../worklists/worklistsSlice';
import { CallbackOutcomes } from './CallbackOutcomes';
import { CallbackScript } from './CallbackScript';

/**
 * Beside the "to call back" list: the selected appeal's citizen to call (through the softphone),
 * what to say, and the outcome with one key; after it the next appeal due is selected.
 */
export function CallbackPanel() {
  const t = useT();
  const selectedId = useAppSelector(selectWorkLists).selectedId;
  const entry = useAppSelector((s) => selectAppealState(s, selectedId));
  const actor = useAppSelector(selectActor);
  const appeal = entry?.appeal ?? null;
  const canRecord = appeal !== null && actor !== null && mayAct(lifecycleStateOf(appeal), 'callback', actor);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('worklist.to_call_back')}
      data-testid="callback-panel"
      // The outcomes stay in view at the bottom; only the script between scrolls.
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: 0, overflow: 'hidden' }}
    >
      {selectedId === null && <Typography color="text.secondary">{t('callback.choose')}</Typography>}
      {selectedId !== null && !appeal && entry?.status !== 'failed' && (
        <LinearProgress aria-label={t('common.loading')} />
      )}
      {entry?.status === 'failed' && entry.error && (
        <Alert severity="error">{t('detail.failed', { message: entry.error.message })}</Alert>
      )}
      {appeal && (
        <>
          <Box>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 500 }}>
              {appealNumber(appeal)} · {appeal.applicant.fullName}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('callback.attempts', { count: appeal.lifecycle.callbackAttempts })}
            </Typography>
            {appeal.applicant.phones.length === 0 ? (
              <Typography variant="body2" color="warning.dark">
                {t('callback.noPhone')}
              </Typography>
            ) : (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}>
                {appeal.applicant.phones.map((phone) => (
                  <ClickToCallButton key={phone} phone={phone} />
                ))}
              </Box>
            )}
          </Box>
          <ChangeNotices id={appeal.id} />
          <Divider />
          <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <Typography variant="overline" component="h3" color="text.secondary" sx={{ lineHeight: 1.5 }}>
              {t('callback.script')}
            </Typography>
            <CallbackScript appeal={appeal} />
          </Box>
          {canRecord && (
            <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}>
              <CallbackOutcomes key={appeal.id} appealId={appeal.id} busy={isBusy(entry)} inDialog={false} />
            </Box>
          )}
        </>
      )}
    </Paper>
  );
}
