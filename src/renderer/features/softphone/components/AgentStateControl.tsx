import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { BreakReason, type AgentState } from '../../../../shared/softphone';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import type { Translate } from '../../../i18n/translate';
import { selectOffDuty } from '../../auth/authSlice';
import { selectAgent, selectAgentError } from '../softphoneSlice';
import { setAgentState } from '../softphoneThunks';

const secondsLeft = (until: string, now: number) => Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));

/** A hint beside the state wraps onto two short lines, so the strip stays one row at 1366 px. */
const HINT_SX = { maxWidth: 260, lineHeight: 1.25 } as const;

export function agentText(state: AgentState, t: Translate, now: number): string {
  switch (state.state) {
    case 'offline':
    case 'available':
    case 'ringing':
    case 'on_call':
      return t(`agent.${state.state}`);
    case 'wrap_up':
      return t('agent.wrap_up', { seconds: String(secondsLeft(state.until, now)) });
    case 'break':
      return t('agent.break', { reason: t(`agent.reason.${state.reason}`) });
    default: {
      const never: never = state;
      throw new Error(`unknown agent state ${JSON.stringify(never)}`);
    }
  }
}

/** Ticks once a second while wrap-up counts down. */
function useNowWhile(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active]);
  return now;
}

const choiceOf = (state: AgentState) => (state.state === 'break' ? `break:${state.reason}` : state.state);

/**
 * The operator picks available or a break with its reason; ringing, on call and wrap-up come from
 * the softphone and show as the current value.
 */
export function AgentStateControl() {
  const t = useT();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const error = useAppSelector(selectAgentError);
  const offDuty = useAppSelector(selectOffDuty);
  const now = useNowWhile(agent?.state.state === 'wrap_up');
  if (!agent) return null;
  const current = choiceOf(agent.state);
  const busy = agent.state.state === 'ringing' || agent.state.state === 'on_call';
  // Routing sends calls to available operators: with no server or nobody signed in none can come.
  const choose = (value: string) => {
    if (value === 'available') void dispatch(setAgentState({ state: 'available' }));
    const reason = BreakReason.safeParse(value.replace(/^break:/, ''));
    if (value.startsWith('break:') && reason.success)
      void dispatch(setAgentState({ state: 'break', reason: reason.data }));
  };
  const selectable = ['available', ...BreakReason.options.map((r) => `break:${r}`)];
  return (
    <>
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel id="agent-state-label">{t('agent.label')}</InputLabel>
        <Select
          labelId="agent-state-label"
          label={t('agent.label')}
          value={current}
          disabled={busy || offDuty !== null}
          onChange={(e) => choose(e.target.value)}
          renderValue={() => agentText(agent.state, t, now)}
          SelectDisplayProps={{ 'data-testid': 'agent-state', 'data-state': agent.state.state } as object}
        >
          {!selectable.includes(current) && (
            <MenuItem value={current} disabled>
              {agentText(agent.state, t, now)}
            </MenuItem>
          )}
          <MenuItem value="available">{t('agent.available')}</MenuItem>
          {BreakReason.options.map((reason) => (
            <MenuItem key={reason} value={`break:${reason}`}>
              {t('agent.break', { reason: t(`agent.reason.${reason}`) })}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {offDuty !== null ? (
        <Typography variant="caption" color="text.secondary" data-testid="agent-off-duty" sx={HINT_SX}>
          {t(offDuty === 'noServer' ? 'agent.noServer' : 'agent.signInFirst')}
        </Typography>
      ) : (
        !agent.published && (
          <Typography variant="caption" color="text.secondary" sx={HINT_SX}>
            {t('agent.notPublished')}
          </Typography>
        )
      )}
      {error && (
        <Alert severity="warning" sx={{ py: 0 }}>
          {t('agent.failed', { message: error })}
        </Alert>
      )}
    </>
  );
}
