// The rules a saved call record must keep, pure so they are tested without a store. The renderer
// reports what the softphone saw (a CallReport); main owns the version, the operator and the history: what a call
// was (its id, direction, SIP Call-ID, ring time) never changes, a moment once recorded (answered,
// ended) stays, and a finished call never becomes a call in progress again.
import type { CallRecord, CallReport } from '../../shared/softphone/calls';
import { MAX_LINKS } from '../../shared/softphone/callLinks';
import { fail, ok, type FieldIssue, type Result } from '../../shared/result';

export { MAX_LINKS };

const IMMUTABLE = ['direction', 'sipCallId', 'ringAt', 'kind'] as const;
const SET_ONCE = ['answeredAt', 'endedAt'] as const;

const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

/** Problems within one record, whatever was stored before. */
export function recordIssues(call: CallRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ((call.result === null) !== (call.endedAt === null)) {
    issues.push(
      call.result === null
        ? issue('result', 'required', 'A call that ended needs a result')
        : issue('endedAt', 'required', 'A call with a result needs the time it ended'),
    );
  }
  if (call.result === 'answered' && call.answeredAt === null)
    issues.push(issue('answeredAt', 'required', 'An answered call needs the time it was answered'));
  const ring = Date.parse(call.ringAt);
  if (call.answeredAt !== null && Date.parse(call.answeredAt) < ring)
    issues.push(issue('answeredAt', 'before_ring', 'A call cannot be answered before it rang'));
  if (call.endedAt !== null && Date.parse(call.endedAt) < Date.parse(call.answeredAt ?? call.ringAt))
    issues.push(issue('endedAt', 'before_start', 'A call cannot end before it rang or was answered'));
  return issues;
}

/** What may not change between the stored record and the one being saved. */
export function changeIssues(stored: CallRecord, next: CallRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of IMMUTABLE) {
    if (stored[field] !== next[field])
      issues.push(issue(field, 'immutable', `The ${field} of a recorded call cannot change`));
  }
  for (const field of SET_ONCE) {
    const before = stored[field];
    if (before !== null && before !== next[field])
      issues.push(issue(field, 'immutable', `The ${field} of a call is recorded once and cannot change`));
  }
  if (stored.result !== null && next.result === null)
    issues.push(issue('result', 'call_finished', 'A finished call cannot go back to being in progress'));
  return issues;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * The record to store: the reported one with main's version, time and operator, and links that only
 * grow (a renderer that missed a link, e.g. a second window, must not drop it).
 */
export function nextCallRecord(
  stored: CallRecord | null,
  incoming: CallReport,
  o: { now: string; operatorId: string },
): Result<CallRecord> {
  const next: CallRecord = {
    ...incoming,
    operatorId: stored?.operatorId ?? o.operatorId,
    appealIds: union(stored?.appealIds ?? [], incoming.appealIds),
    consultationIds: union(stored?.consultationIds ?? [], incoming.consultationIds),
    version: (stored?.version ?? 0) + 1,
    updatedAt: o.now,
  };
  const issues = [...recordIssues(next), ...(stored ? changeIssues(stored, next) : [])];
  if (next.appealIds.length > MAX_LINKS)
    issues.push(issue('appealIds', 'too_many', `A call links at most ${MAX_LINKS} appeals`));
  if (next.consultationIds.length > MAX_LINKS)
    issues.push(issue('consultationIds', 'too_many', `A call links at most ${MAX_LINKS} consultations`));
  if (issues.length > 0) return fail('invalid_input', issues.map((i) => i.message).join('; '), issues);
  return ok(next);
}
