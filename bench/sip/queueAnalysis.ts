// The queue benchmark's figures from three independent records of the same run, each on the
// machine's one wall clock: sipp's message log (INVITE sent, 200 OK, the citizen's BYE), each
// operator page's watcher (ringing, answer) and the server's PostgreSQL (queue_calls, agent state
// history). Pure functions: queueBench.ts gathers the records, this computes.
import { agentCallId } from '../../src/shared/softphone/agent';
import type { QueueSippCall } from './queueSipp';
import type { QueuePageCall } from './queueWatcher';
import type { AgentInterval, QueueWitness } from './queueWitness';

/** The last digits that tell the benchmark's citizens apart (their numbers differ only there). */
export const CALLER_KEY_DIGITS = 6;
export const callerKey = (digits: string) => digits.replace(/\D/g, '').slice(-CALLER_KEY_DIGITS);

export interface JoinedCall {
  sipp: QueueSippCall;
  row: QueueWitness['rows'][number] | null;
  /** First time an agent was reserved ringing this call (agent_state_history), else offered_at. */
  firstOfferAt: number | null;
  /** Every page that rang for it (a call let ring out rings a second page). */
  rings: { username: string; call: QueuePageCall }[];
}

export interface FreeingGap {
  username: string;
  /** The citizen's BYE of the operator's previous call (sipp). */
  byeAt: number;
  /** The server has the operator available again (agent_state_history). */
  availableAt: number | null;
  /** The server reserved the operator for the next caller (dispatch). */
  offeredAt: number | null;
  /** The next caller's card appeared in the operator's page. */
  ringAt: number;
}

export interface QueueAnalysis {
  calls: JoinedCall[];
  /** Pairs (earlier, later) of the same priority where the later arrival (queue id) was offered first. */
  offerInversionsById: number;
  /** Those pairs: queue ids and by how much the later one's first offer came earlier (ms). */
  byIdInversions: { earlier: number; later: number; byMs: number }[];
  /** Pairs by sipp's INVITE time where the later caller was offered first (server's offer time). */
  offerInversionsByInvite: number;
  /** Pairs where the server's arrival order (id) differs from sipp's INVITE order. */
  arrivalReorders: number;
  /** Pairs answered at sipp (200 OK) out of INVITE order though offered in order: the later one's operator picked up sooner. */
  answerInversionsAtSipp: number;
  /** Pairs answered at sipp out of INVITE order because the later caller was offered an operator first. */
  trueOvertakesAtSipp: number;
  /** Calls that did not end answered at sipp and in queue_calls (no caller hangs up while waiting). */
  lost: { callId: string; why: string }[];
  /** Status lines 500-599 received by sipp, any call, any method. */
  fiveHundreds: number;
  gaps: FreeingGap[];
  /** Seconds from INVITE (sipp) to 200 OK (sipp), answered calls. */
  waitsAtSipp: number[];
  /** Seconds from entered_at to answered_at (queue_calls), answered calls. */
  waitsAtServer: number[];
  /** Most callers in the queue at once (entered, not yet offered), by the server's times. */
  peakWaiting: number;
  /** Calls that rang more than one page, or were offered more than once. */
  reOffered: number;
  /**
   * Freeing gaps where the server offered the next caller to an operator whose state just before
   * was not an `available` begun after the previous call ended (e.g. still on_call at the server).
   */
  offeredNotFromAvailable: number;
}

/** Pairs (earlier, later) by `order` where the later one was served first, with the margin. */
function inversions<T>(items: readonly T[], order: (t: T) => number, served: (t: T) => number | null) {
  const sorted = [...items].sort((a, b) => order(a) - order(b));
  const found: { earlier: T; later: T; byMs: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = served(sorted[i]!);
    if (a === null) continue;
    for (let j = i + 1; j < sorted.length; j++) {
      if (order(sorted[j]!) === order(sorted[i]!)) continue;
      const b = served(sorted[j]!);
      if (b !== null && b < a) found.push({ earlier: sorted[i]!, later: sorted[j]!, byMs: a - b });
    }
  }
  return found;
}

const countInversions = <T>(items: readonly T[], order: (t: T) => number, served: (t: T) => number | null) =>
  inversions(items, order, served).length;

export function analyzeQueueRun(input: {
  sipp: readonly QueueSippCall[];
  pages: ReadonlyMap<string, readonly QueuePageCall[]>;
  witness: QueueWitness;
}): QueueAnalysis {
  const rowByKey = new Map(input.witness.rows.map((r) => [r.sipCallId, r]));
  const firstRinging = new Map<string, number>();
  for (const h of input.witness.intervals) {
    if (h.state !== 'ringing' || !h.callId) continue;
    const seen = firstRinging.get(h.callId);
    if (seen === undefined || h.startedAt < seen) firstRinging.set(h.callId, h.startedAt);
  }
  const byCaller = new Map<string, JoinedCall>();
  const calls: JoinedCall[] = input.sipp.map((sipp) => {
    const key = agentCallId(sipp.callId);
    const row = rowByKey.get(key) ?? null;
    const joined: JoinedCall = {
      sipp,
      row,
      firstOfferAt: firstRinging.get(key) ?? row?.offeredAt ?? null,
      rings: [],
    };
    byCaller.set(callerKey(sipp.number), joined);
    return joined;
  });
  for (const [username, pageCalls] of input.pages) {
    for (const call of pageCalls) byCaller.get(callerKey(call.digits))?.rings.push({ username, call });
  }

  // (1) Order. The server's: queue id (arrival) vs first offer, within a priority.
  const withRow = calls.filter((c) => c.row !== null);
  const priorities = new Set(withRow.map((c) => c.row!.priority));
  const byIdInversions: { earlier: number; later: number; byMs: number }[] = [];
  for (const p of priorities) {
    for (const v of inversions(
      withRow.filter((c) => c.row!.priority === p),
      (c) => c.row!.id,
      (c) => c.firstOfferAt,
    ))
      byIdInversions.push({ earlier: v.earlier.row!.id, later: v.later.row!.id, byMs: v.byMs });
  }
  const offerInversionsById = byIdInversions.length;
  const offerInversionsByInvite = countInversions(
    calls,
    (c) => c.sipp.inviteAt,
    (c) => c.firstOfferAt,
  );
  const arrivalReorders = countInversions(
    withRow,
    (c) => c.sipp.inviteAt,
    (c) => c.row!.id,
  );
  // sipp's own view: INVITE sent vs 200 OK received.
  const answered = calls.filter((c) => c.sipp.finalStatus === 200 && c.sipp.finalAt !== null);
  let answerInversionsAtSipp = 0;
  let trueOvertakesAtSipp = 0;
  const byInvite = [...answered].sort((a, b) => a.sipp.inviteAt - b.sipp.inviteAt);
  for (let i = 0; i < byInvite.length; i++) {
    const earlier = byInvite[i]!;
    for (let j = i + 1; j < byInvite.length; j++) {
      const later = byInvite[j]!;
      if (later.sipp.inviteAt === earlier.sipp.inviteAt) continue;
      if (later.sipp.finalAt! >= earlier.sipp.finalAt!) continue;
      // The later caller was offered an operator first: it overtook. Otherwise both rang at
      // once (offered in order) and the later one's operator picked up sooner.
      if (
        later.firstOfferAt !== null &&
        earlier.firstOfferAt !== null &&
        later.firstOfferAt < earlier.firstOfferAt
      )
        trueOvertakesAtSipp++;
      else answerInversionsAtSipp++;
    }
  }

  // (3) Lost calls and 5xx.
  const lost: { callId: string; why: string }[] = [];
  for (const c of calls) {
    const why: string[] = [];
    if (c.sipp.finalStatus !== 200) why.push(`sipp final ${c.sipp.finalStatus ?? 'none'}`);
    if (!c.row) why.push('no queue_calls row');
    else if (c.row.state !== 'answered')
      why.push(`queue_calls ${c.row.state}${c.row.endCause ? `/${c.row.endCause}` : ''}`);
    if (why.length) lost.push({ callId: c.sipp.callId, why: why.join(', ') });
  }
  const fiveHundreds = calls.reduce((n, c) => n + c.sipp.statuses.filter((s) => s >= 500).length, 0);

  // (2) Operator freeing -> the next caller ringing in that operator's page, counted only when
  // that next caller was already waiting (its INVITE sent) when the citizen hung up.
  const byOperatorHistory = new Map<string, AgentInterval[]>();
  for (const h of input.witness.intervals) {
    const list = byOperatorHistory.get(h.username) ?? [];
    list.push(h);
    byOperatorHistory.set(h.username, list);
  }
  const gaps: FreeingGap[] = [];
  let offeredNotFromAvailable = 0;
  for (const [username, pageCalls] of input.pages) {
    const sequence = [...pageCalls]
      .sort((a, b) => a.ringAt - b.ringAt)
      .map((call) => ({ call, joined: byCaller.get(callerKey(call.digits)) }));
    for (let k = 0; k + 1 < sequence.length; k++) {
      const prev = sequence[k]!.joined;
      const next = sequence[k + 1]!;
      if (!prev || !next.joined) continue;
      const byeAt = prev.sipp.byeAt;
      if (byeAt === null || next.joined.sipp.inviteAt >= byeAt || next.call.ringAt <= byeAt) continue;
      const history = byOperatorHistory.get(username) ?? [];
      const nextKey = agentCallId(next.joined.sipp.callId);
      const nextOffer = history.findIndex((h) => h.state === 'ringing' && h.callId === nextKey);
      const offeredAt = nextOffer >= 0 ? history[nextOffer]!.startedAt : null;
      // The state the dispatcher found the operator in: the interval just before the offer. Only an
      // `available` one begun after the previous call ended (the citizen's BYE, 1 s slack between
      // clocks of one machine) is the freeing the server saw; anything else is counted apart.
      const before = nextOffer > 0 ? history[nextOffer - 1]! : null;
      const availableAt =
        before && before.state === 'available' && before.startedAt >= byeAt - 1_000 ? before.startedAt : null;
      if (offeredAt !== null && availableAt === null) offeredNotFromAvailable++;
      gaps.push({ username, byeAt, availableAt, offeredAt, ringAt: next.call.ringAt });
    }
  }

  // (4) Waits.
  const waitsAtSipp = answered.map((c) => (c.sipp.finalAt! - c.sipp.inviteAt) / 1000);
  const waitsAtServer = withRow
    .filter((c) => c.row!.answeredAt !== null)
    .map((c) => (c.row!.answeredAt! - c.row!.enteredAt) / 1000);
  const events = withRow.flatMap((c) => [
    { at: c.row!.enteredAt, d: 1 },
    { at: c.firstOfferAt ?? c.row!.leftAt ?? Number.POSITIVE_INFINITY, d: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.d - b.d);
  let waiting = 0;
  let peakWaiting = 0;
  for (const e of events) {
    waiting += e.d;
    peakWaiting = Math.max(peakWaiting, waiting);
  }
  const reOffered = calls.filter((c) => c.rings.length > 1 || (c.row?.offers ?? 0) > 1).length;
  return {
    calls,
    offerInversionsById,
    byIdInversions,
    offerInversionsByInvite,
    arrivalReorders,
    answerInversionsAtSipp,
    trueOvertakesAtSipp,
    lost,
    fiveHundreds,
    gaps,
    waitsAtSipp,
    waitsAtServer,
    peakWaiting,
    reOffered,
    offeredNotFromAvailable,
  };
}
