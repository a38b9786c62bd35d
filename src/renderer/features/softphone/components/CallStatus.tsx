import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { displayCaller } from '../callerDisplay';
import { selectCall } from '../softphoneSlice';
import { CallTimer } from './CallTimer';

/** One line: the call's phase, who is on the other end, and for how long. */
export function CallStatus() {
  const t = useT();
  const call = useAppSelector(selectCall);
  const country = useAppSelector((s) => (s.app.info?.ruleSet === 'kz' ? 'KZ' : 'UA'));
  const text =
    call.phase === 'ended'
      ? t('softphone.call.ended', { result: t(`softphone.result.${call.result}`) })
      : t(`softphone.call.${call.phase}`);
  const caller = call.phase === 'idle' ? null : displayCaller(call.remote, country);
  const answeredAt =
    call.phase === 'active' || call.phase === 'held' || call.phase === 'ended' ? call.answeredAt : null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
      <Typography variant="body2" data-testid="softphone-call-state" data-phase={call.phase} role="status">
        {text}
      </Typography>
      {caller && call.phase !== 'ringing' && (
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, overflowWrap: 'anywhere', unicodeBidi: 'isolate' }}
        >
          {caller.number || t('softphone.unknownCaller')}
          {caller.name ? ` · ${caller.name}` : ''}
        </Typography>
      )}
      {answeredAt && <CallTimer from={answeredAt} to={call.phase === 'ended' ? call.endedAt : null} />}
    </Box>
  );
}
