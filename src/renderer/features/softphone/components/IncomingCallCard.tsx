import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CallOutlined from '@mui/icons-material/CallOutlined';
import CallEndOutlined from '@mui/icons-material/CallEndOutlined';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { displayCaller } from '../callerDisplay';
import { answerCall, endCall } from '../softphoneCommands';
import { selectCall } from '../softphoneSlice';
import { ScreenPopPanel } from './ScreenPopPanel';

export function IncomingCallCard() {
  const t = useT();
  const dispatch = useAppDispatch();
  const call = useAppSelector(selectCall);
  const country = useAppSelector((s) => (s.app.info?.ruleSet === 'kz' ? 'KZ' : 'UA'));
  if (call.phase !== 'ringing') return null;
  const caller = displayCaller(call.remote, country);
  return (
    <Paper
      data-testid="softphone-incoming"
      role="alertdialog"
      aria-label={t('softphone.call.ringing')}
      variant="outlined"
      sx={{ p: 1.5, display: 'grid', gap: 1, borderColor: 'warning.main', borderWidth: 2 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="overline">{t('softphone.call.ringing')}</Typography>
          <Typography
            variant="h6"
            component="p"
            data-testid="softphone-caller-number"
            sx={{ overflowWrap: 'anywhere', unicodeBidi: 'isolate' }}
          >
            {caller.number || t('softphone.unknownCaller')}
          </Typography>
          {caller.name && (
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {caller.name}
            </Typography>
          )}
        </Box>
        <Button
          variant="contained"
          color="success"
          startIcon={<CallOutlined />}
          data-testid="softphone-answer"
          aria-keyshortcuts="Control+Enter"
          onClick={() => void dispatch(answerCall())}
        >
          {t('softphone.answer')} <kbd style={{ marginLeft: 8, opacity: 0.8 }}>Ctrl+Enter</kbd>
        </Button>
        <Button
          variant="outlined"
          color="error"
          startIcon={<CallEndOutlined />}
          data-testid="softphone-reject"
          aria-keyshortcuts="Control+Shift+Backspace"
          onClick={() => void dispatch(endCall())}
        >
          {t('softphone.reject')}
        </Button>
      </Box>
      <ScreenPopPanel />
    </Paper>
  );
}
