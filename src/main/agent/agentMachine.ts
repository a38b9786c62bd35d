// Which agent state may follow which (ARCHITECTURE.md, "Softphone"). Pure: the service adds time,
// persistence and the wrap-up timer. Ringing and on-call come from the softphone, the rest from the
// operator; `offline` is always allowed (sign-out, the SIP registration lost, the app closing).
import type { AgentState, AgentStateName, AgentStateRequest } from '../../shared/softphone/agent';
import { fail, ok, type Result } from '../../shared/result';

const ALLOWED: Record<AgentStateName, readonly AgentStateName[]> = {
  offline: ['available', 'break'],
  available: ['ringing', 'on_call', 'break'],
  // Answered, or given up / declined (then straight back to available).
  ringing: ['on_call', 'available'],
  // Ended: wrap-up, or available when there is no wrap-up; a break must wait for the call to end.
  // Another call: the one that replaced it (RFC 3891), a citizen handed over by an attended transfer.
  on_call: ['wrap_up', 'available', 'on_call'],
  // A call may come in or be placed during wrap-up; the operator may also end it early.
  wrap_up: ['available', 'break', 'ringing', 'on_call', 'wrap_up'],
  // Another reason, or back to work; calls wait until the break ends.
  break: ['available', 'break'],
};

const WHY_NOT: Partial<Record<AgentStateName, string>> = {
  ringing: 'a call is ringing: answer or decline it first',
  on_call: 'a call is in progress: end it first',
  break: 'the agent is on a break: return to available first',
  offline: 'the agent is offline: become available first',
};

const describe = (s: AgentStateRequest): string =>
  s.state === 'break' ? `break (${s.reason})` : s.state.replace('_', '-');

export function checkTransition<S extends AgentStateRequest>(from: AgentState, to: S): Result<S> {
  if (to.state === 'offline' || ALLOWED[from.state].includes(to.state)) {
    // A call's states belong to that call: a second call cannot take over the first one's state.
    if (from.state === 'ringing' && to.state === 'on_call' && from.callId !== to.callId)
      return fail('conflict', `Cannot go on call ${to.callId}: call ${from.callId} is ringing`);
    return ok(to);
  }
  const why = WHY_NOT[from.state] ?? `not allowed after ${describe(from)}`;
  return fail('conflict', `Cannot change the agent state from ${describe(from)} to ${describe(to)}: ${why}`);
}
