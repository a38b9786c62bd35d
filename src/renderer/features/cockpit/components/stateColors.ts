import type { Theme } from '@mui/material/styles';
import type { AgentStateName } from '../../../../shared/softphone/agent';

/** The colour beside each state's name (never instead of it). */
export const stateColors = (theme: Theme): Record<AgentStateName, string> => ({
  available: theme.palette.success.main,
  ringing: theme.palette.info.main,
  on_call: theme.palette.primary.main,
  wrap_up: theme.palette.secondary.main,
  break: theme.palette.warning.main,
  offline: theme.palette.grey[500],
});
