import Chip from '@mui/material/Chip';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import type { Translate } from '../../../i18n/translate';
import type { RegistrationState } from '../../../softphone/softphone';
import { safeText } from '../callerDisplay';
import { selectRegistration } from '../softphoneSlice';

export function registrationText(registration: RegistrationState, t: Translate): string {
  switch (registration.state) {
    case 'unconfigured':
      return t('softphone.reg.unconfigured');
    case 'connecting':
      return t('softphone.reg.connecting');
    case 'registered':
      return t('softphone.reg.registered');
    case 'reconnecting':
      return t('softphone.reg.reconnecting', { attempt: String(registration.attempt) });
    case 'failed':
      return t('softphone.reg.failed', { reason: safeText(registration.reason, 120) });
    default: {
      const never: never = registration;
      throw new Error(`unknown registration ${JSON.stringify(never)}`);
    }
  }
}

const colorOf = {
  unconfigured: 'default',
  connecting: 'info',
  registered: 'success',
  reconnecting: 'warning',
  failed: 'error',
} as const;

/** Always says what the line is doing: an operator must never think they can take calls when not. */
export function RegistrationChip() {
  const t = useT();
  const registration = useAppSelector(selectRegistration);
  const text = registrationText(registration, t);
  return (
    <Chip
      size="small"
      variant="outlined"
      color={colorOf[registration.state]}
      data-testid="softphone-registration"
      data-state={registration.state}
      role="status"
      label={t('softphone.line', { state: text })}
    />
  );
}
