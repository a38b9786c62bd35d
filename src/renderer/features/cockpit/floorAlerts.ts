// When a row of the floor asks for the lead's attention (issue 13): the limits are FLOOR_LIMITS,
// counted against the server's clock (the renderer's clock plus the offset the last snapshot gave),
// so a workstation whose own clock is off raises each alert when the server would.
import { FLOOR_LIMITS, type FloorAlertKind } from '../../../shared/queue/floor';
import type { AgentSnapshot } from '../../../shared/softphone/agent';
import { assertNever } from '../../../shared/result';

const ms = (iso: string) => Date.parse(iso);

/** The alerts of one agent at `now` (server ms), in a fixed order; an alert holds from its limit on. */
export function alertsOf(agent: AgentSnapshot, now: number): FloorAlertKind[] {
  const alerts: FloorAlertKind[] = [];
  const { state } = agent;
  switch (state.state) {
    case 'break':
      if (now - ms(agent.since) >= FLOOR_LIMITS.breakSeconds[state.reason] * 1000) alerts.push('break_over');
      break;
    case 'wrap_up':
      if (now - ms(state.until) >= FLOOR_LIMITS.wrapUpOverrunSeconds * 1000) alerts.push('wrap_up_over');
      break;
    case 'on_call':
    case 'ringing':
    case 'available':
    case 'offline':
      break;
    default:
      assertNever(state, 'agent state');
  }
  const answeredAt = agent.call?.answeredAt;
  if (answeredAt && now - ms(answeredAt) >= FLOOR_LIMITS.longCallSeconds * 1000) alerts.push('long_call');
  // A line down matters only while the agent is meant to take calls; a blip is not an alert.
  if (
    state.state !== 'offline' &&
    agent.lineDownSince &&
    now - ms(agent.lineDownSince) >= FLOOR_LIMITS.lineDownSeconds * 1000
  )
    alerts.push('line_down');
  // Signed in (not offline) but no workstation holds a connection: calls cannot reach them.
  if (state.state !== 'offline' && !agent.connected) alerts.push('disconnected');
  return alerts;
}

/** When the row's state began to tick for the lead: a wrap-up ticks from its start like the rest. */
export const stateStartMs = (agent: AgentSnapshot) => ms(agent.since);

/** The call's running time starts at answer, the ring before it at its start. */
export const callStartMs = (agent: AgentSnapshot): number | null =>
  agent.call ? ms(agent.call.answeredAt ?? agent.call.startedAt) : null;
