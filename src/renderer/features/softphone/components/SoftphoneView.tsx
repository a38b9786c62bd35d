import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectSipRegistered, selectSoftphoneError, softphoneErrorDismissed } from '../softphoneSlice';
import {
  useAudioDeviceList,
  useNotificationPermission,
  useRinging,
  useStatsHook,
} from '../useSoftphoneEffects';
import { useSoftphoneShortcuts } from '../useSoftphoneShortcuts';
import { AgentStateControl } from './AgentStateControl';
import { CallControls } from './CallControls';
import { CallStatus } from './CallStatus';
import { DeviceSettings, MissingDeviceNotice } from './DeviceSettings';
import { DialPad } from './DialPad';
import { IncomingCallCard } from './IncomingCallCard';
import { RegistrationChip } from './RegistrationChip';

/** The softphone strip above the work area: line, agent state, the call and its controls. */
export function SoftphoneView() {
  const t = useT();
  const dispatch = useAppDispatch();
  const error = useAppSelector(selectSoftphoneError);
  const registered = useAppSelector(selectSipRegistered);
  useSoftphoneShortcuts();
  useAudioDeviceList();
  useRinging();
  useNotificationPermission(registered);
  useStatsHook();
  return (
    <Box sx={{ display: 'grid', gap: 1, width: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <RegistrationChip />
        <AgentStateControl />
        <CallStatus />
        <Box sx={{ flex: 1 }} />
        <CallControls />
        <DialPad />
        <DeviceSettings />
      </Box>
      <MissingDeviceNotice />
      {error && (
        <Alert
          severity="error"
          onClose={() => dispatch(softphoneErrorDismissed())}
          data-testid="softphone-error"
        >
          {t(`softphone.error.${error}`)}
        </Alert>
      )}
      <IncomingCallCard />
    </Box>
  );
}
