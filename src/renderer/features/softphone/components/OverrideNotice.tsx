import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Snackbar from '@mui/material/Snackbar';
import type { AgentOverride } from '../../../../shared/queue/floor';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import type { Translate } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { agentOverrideDismissed, selectAgentOverride } from '../softphoneSlice';

function overriddenState(override: AgentOverride, t: Translate): string {
  const { state } = override;
  return state.state === 'break'
    ? t('agent.break', { reason: t(`agent.reason.${state.reason}`) })
    : t(`agent.${state.state}`);
}

/**
 * The operator is told when a team lead set their state (issue 13): who did and why. It stays until
 * closed, so an operator back from a break still reads it.
 */
export function OverrideNotice() {
  const t = useT();
  const dispatch = useAppDispatch();
  const override = useAppSelector(selectAgentOverride);
  return (
    <Snackbar open={override !== null} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
      {override ? (
        <Alert
          severity="info"
          variant="filled"
          data-testid="override-notice"
          onClose={() => dispatch(agentOverrideDismissed())}
          sx={{ maxWidth: 560 }}
        >
          <AlertTitle>{t('override.noticeTitle')}</AlertTitle>
          {t('override.notice', {
            by: override.by,
            state: overriddenState(override, t),
            reason: override.reason,
          })}
        </Alert>
      ) : undefined}
    </Snackbar>
  );
}
