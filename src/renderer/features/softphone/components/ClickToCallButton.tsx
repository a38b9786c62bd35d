import Button from '@mui/material/Button';
import CallOutlined from '@mui/icons-material/CallOutlined';
import { formatPhone } from '../../../../shared/domain/phone';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { hasSoftphone } from '../../../app/roleScreens';
import { selectRole } from '../../auth/authSlice';
import { useT } from '../../../i18n/useT';
import { dialTarget, isCallTarget, placeCall } from '../softphoneCommands';
import { selectCall, selectSipRegistered } from '../softphoneSlice';

/** Calls a stored phone (E.164) through the softphone: callbacks from an appeal's detail. */
export function ClickToCallButton({ phone }: { phone: string }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const registered = useAppSelector(selectSipRegistered);
  const phase = useAppSelector(selectCall).phase;
  const target = dialTarget(phone);
  const free = phase === 'idle' || phase === 'ended';
  // A role without a phone line (an executor organisation, an analyst) is not offered a call.
  const withLine = hasSoftphone(useAppSelector(selectRole));
  if (!isCallTarget(target) || !withLine) return null;
  return (
    <Button
      size="small"
      variant="text"
      startIcon={<CallOutlined fontSize="small" />}
      disabled={!registered || !free}
      data-testid="click-to-call"
      onClick={() => void dispatch(placeCall(target))}
      sx={{ py: 0 }}
    >
      {t('softphone.callApplicant', { phone: formatPhone(phone) })}
    </Button>
  );
}
