// Which call what the operator registers belongs to, decided in main (and by the renderer's fake
// Api from the same function): the call in progress, or the one whose wrap-up is running, since
// notes and the appeal they lead to are written after the caller hangs up.
import type { AgentState } from './agent';
import type { CallRecord } from './calls';

export type LinkKind = 'appeal' | 'consultation';

/** Links per kind a record holds (CallRecord allows 20). */
export const MAX_LINKS = 20;

/**
 * The call to link a record registered now to: `latest` (the call the softphone reported last) if
 * it is still going on, or if it ended and the agent is in its wrap-up. A call that ended without
 * wrap-up (unanswered, a consultation, no wrap-up configured) or whose wrap-up is over gets nothing.
 */
export function callToLink(latest: CallRecord | null, agent: AgentState): CallRecord | null {
  if (!latest) return null;
  if (latest.result === null) return latest;
  return agent.state === 'wrap_up' ? latest : null;
}

/** The record with the link added, or null when it holds it already or is full. */
export function withLink(call: CallRecord, kind: LinkKind, id: string): CallRecord | null {
  const key = kind === 'appeal' ? 'appealIds' : 'consultationIds';
  if (call[key].includes(id) || call[key].length >= MAX_LINKS) return null;
  return { ...call, [key]: [...call[key], id] };
}
