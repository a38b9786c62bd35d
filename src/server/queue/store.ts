// The queue's writes, each inside a transaction that holds its hotline queue's advisory lock
// (lockQueue), so the dispatchers of several instances, the PBX's queries and its events take turns
// on one queue and never offer one operator twice or one caller out of order. Operators are
// reserved exactly as pbx/routing.ts reserves them (ringing that call, reserved_until), so the
// agents' sweep, the workstation's confirmation and the live board treat both alike.
import { agentCallId } from '../../shared/softphone/agent';
import type { QueueEndCause, QueuePriorityReason } from '../../shared/queue/queue';
import { normalizeAnyPhone } from '../../shared/domain/phone';
import { AGENT_ROLES } from '../agents/snapshots';
import { notifyAgentChanged, startInterval } from '../agents/stateStore';
import type { QueueSettings } from '../config';
import type { PoolClient, Queryable } from '../db/pool';
import { routableAgent } from './agentCriteria';
import { enterCall } from './entry';
import { pairCallers, priorityOf } from './pairing';

/** Any fixed number: the first half of every queue's advisory lock key (the second: the queue). */
const QUEUE_LOCK = 1551_0013;

export interface QueueTimings {
  settings: QueueSettings;
  /** Connections not refreshed within this are from an instance that stopped. */
  staleSeconds: number;
  reservationSeconds: number;
}

/** A suspended caller the PBX must resume: POST {controlUrl}/queue/continue?tindex&tlabel. */
export interface PushTarget {
  id: string;
  controlUrl: string;
  tIndex: number;
  tLabel: number;
  /** pushed_at of this push: a question from the PBX after it means the caller is alive. */
  pushedAt: Date;
}

/** Ask again after `ms`: the caller has entered and waits a moment for earlier arrivals (settleMs). */
export interface Settle {
  status: 'settle';
  ms: number;
}

export type RouteAnswer =
  | { status: 200; body: string }
  | { status: 202; body: string }
  | { status: 410; body: 'timed_out' | 'full' | 'no_operator' };

export async function lockQueue(client: PoolClient, queue: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUEUE_LOCK, queue]);
}

/** Several queues in one order everywhere, so two transactions never wait on each other. */
async function lockQueues(client: PoolClient, queues: Iterable<string>): Promise<void> {
  for (const queue of [...new Set(queues)].sort()) await lockQueue(client, queue);
}

const LIVE = `state IN ('waiting', 'offered')`;

interface PushRow {
  id: string;
  pbx_control_url: string | null;
  t_index: string | null;
  t_label: string | null;
  pushed_at: Date | null;
}

const toPush = (rows: PushRow[]): PushTarget[] =>
  rows
    .filter((r) => r.pbx_control_url && r.t_index !== null && r.t_label !== null && r.pushed_at)
    .map((r) => ({
      id: r.id,
      controlUrl: r.pbx_control_url!,
      tIndex: Number(r.t_index),
      tLabel: Number(r.t_label),
      pushedAt: r.pushed_at!,
    }));

/**
 * Operators ringing one of these calls go back to available at the end of the idle order (since =
 * now), as pbx/routing.ts's release of `tried` operators does. An agent already on the call is left
 * alone (the caller's CANCEL crossed the operator's answer).
 */
export async function releaseRinging(
  client: PoolClient,
  rings: readonly { operatorId: string; callKey: string }[],
): Promise<void> {
  if (rings.length === 0) return;
  const { rows } = await client.query<{ user_id: string }>(
    `UPDATE agents a SET state = '{"state":"available"}', since = clock_timestamp(), reserved_call_id = NULL,
            reserved_until = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS r(user_id, call_id)
      WHERE a.user_id = r.user_id AND a.state ->> 'state' = 'ringing' AND a.state ->> 'callId' = r.call_id
      RETURNING a.user_id`,
    [rings.map((r) => r.operatorId), rings.map((r) => r.callKey)],
  );
  for (const { user_id } of rows) {
    await startInterval(client, user_id, { state: 'available' });
    await notifyAgentChanged(client, user_id);
  }
}

/**
 * Offered callers whose operator no longer holds them: answered when the operator's history shows
 * the call taken (the PBX's `answered` event was lost), otherwise back to waiting with their place
 * (the reservation lapsed unconfirmed, the operator went offline).
 */
async function reclaimOffers(client: PoolClient, queue: string): Promise<void> {
  const { rows } = await client.query<{ id: string; held: boolean; answered_at: Date | null }>(
    `SELECT q.id,
            EXISTS (SELECT 1 FROM agents a
                     WHERE a.user_id = q.operator_id
                       AND ((a.reserved_call_id = q.sip_call_id AND a.reserved_until > now())
                            OR (a.state ->> 'state' IN ('ringing', 'on_call')
                                AND a.state ->> 'callId' = q.sip_call_id))) AS held,
            (SELECT min(h.started_at) FROM agent_state_history h
              WHERE h.user_id = q.operator_id AND h.state = 'on_call'
                AND (h.call_id = q.sip_call_id OR h.claimed_call_id = q.sip_call_id)
                AND h.started_at >= q.offered_at) AS answered_at
       FROM queue_calls q
      WHERE q.queue = $1 AND q.state = 'offered'`,
    [queue],
  );
  const answered = rows.filter((r) => r.answered_at !== null);
  const lost = rows.filter((r) => r.answered_at === null && !r.held);
  if (answered.length > 0)
    await client.query(
      `UPDATE queue_calls q SET state = 'answered', answered_at = r.at, left_at = greatest(r.at, clock_timestamp()),
              suspended = false, updated_at = now()
         FROM unnest($1::bigint[], $2::timestamptz[]) AS r(id, at)
        WHERE q.id = r.id AND q.state = 'offered'`,
      [answered.map((r) => r.id), answered.map((r) => r.answered_at)],
    );
  if (lost.length > 0)
    await client.query(
      `UPDATE queue_calls SET state = 'waiting', operator_id = NULL, offered_at = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND state = 'offered'`,
      [lost.map((r) => r.id)],
    );
}

/**
 * An agent who can be offered a caller now (pbx/routing.ts's criteria): $1 the agent roles, $2 the
 * seconds after which a silent connection is stale. For `agents a JOIN users u`.
 */
const ROUTABLE = routableAgent('$1', '$2');

/** Whether any agent could be offered a caller now (dispatch's criteria, without locking them). */
async function anyRoutable(client: PoolClient, timings: QueueTimings): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM agents a JOIN users u ON u.id = a.user_id
      WHERE ${ROUTABLE}
      LIMIT 1`,
    [AGENT_ROLES, timings.staleSeconds],
  );
  return rowCount !== 0;
}

/**
 * The dispatcher: waiting callers in (priority DESC, arrived_at, id) order paired with routable agents longest
 * idle first (pbx/routing.ts's criteria; SKIP LOCKED passes over an agent another transaction is
 * changing). Call with the queue locked. Returns the suspended callers now offered (to push).
 */
export async function dispatch(
  client: PoolClient,
  queue: string,
  timings: QueueTimings,
): Promise<PushTarget[]> {
  await reclaimOffers(client, queue);
  const { rows: callers } = await client.query<{ id: string; sip_call_id: string; tried: string[] }>(
    `SELECT id, sip_call_id, tried_operator_ids::text[] AS tried FROM queue_calls
      WHERE queue = $1 AND state = 'waiting' AND entered_at > now() - make_interval(secs => $2)
      ORDER BY priority DESC, arrived_at, id
      LIMIT $3`,
    [queue, timings.settings.maxWaitSeconds, timings.settings.capacity],
  );
  if (callers.length === 0) return [];
  const wanted = callers.length + callers.reduce((n, c) => n + c.tried.length, 0);
  const { rows: agents } = await client.query<{ userId: string }>(
    `SELECT a.user_id AS "userId"
       FROM agents a JOIN users u ON u.id = a.user_id
      WHERE ${ROUTABLE}
      ORDER BY a.since, a.user_id
      LIMIT $3
      FOR UPDATE OF a SKIP LOCKED`,
    [AGENT_ROLES, timings.staleSeconds, wanted],
  );
  const pairs = pairCallers(callers, agents);
  if (pairs.length === 0) return [];
  const userIds = pairs.map((p) => p.agent.userId);
  const callKeys = pairs.map((p) => p.caller.sip_call_id);
  await client.query(
    `UPDATE agents a SET state = jsonb_build_object('state', 'ringing', 'callId', r.call_id),
            since = clock_timestamp(), reserved_call_id = r.call_id,
            reserved_until = clock_timestamp() + make_interval(secs => $3),
            updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS r(user_id, call_id)
      WHERE a.user_id = r.user_id`,
    [userIds, callKeys, timings.reservationSeconds],
  );
  for (const pair of pairs) {
    await startInterval(client, pair.agent.userId, { state: 'ringing', callId: pair.caller.sip_call_id });
    await notifyAgentChanged(client, pair.agent.userId);
  }
  const { rows: offered } = await client.query<PushRow & { suspended: boolean }>(
    `UPDATE queue_calls q SET state = 'offered', operator_id = r.user_id, offered_at = clock_timestamp(),
            offers = least(q.offers + 1, 32767), pushed_at = CASE WHEN q.suspended THEN clock_timestamp() END,
            updated_at = now()
       FROM unnest($1::bigint[], $2::uuid[]) AS r(id, user_id)
      WHERE q.id = r.id AND q.state = 'waiting'
      RETURNING q.id, q.suspended, q.pbx_control_url, q.t_index, q.t_label, q.pushed_at`,
    [pairs.map((p) => p.caller.id), userIds],
  );
  return toPush(offered.filter((r) => r.suspended));
}

/** The reasons QUEUE_PRIORITIES names that the caller's number has (compared, never stored). */
export async function priorityReasons(
  db: Queryable,
  configured: readonly QueuePriorityReason[],
  from: string,
): Promise<QueuePriorityReason[]> {
  if (configured.length === 0) return [];
  const number = normalizeAnyPhone(from);
  if (!number) return [];
  const { rows } = await db.query<{ benefit: boolean | null; callback: boolean | null }>(
    `SELECT bool_or(priority) AS benefit, bool_or(status = 'awaiting_applicant_check') AS callback
       FROM appeals
      WHERE (priority OR status = 'awaiting_applicant_check')
        AND record -> 'applicant' -> 'phones' @> jsonb_build_array($1::text)`,
    [number],
  );
  const row = rows[0];
  return configured.filter((reason) => row?.[reason] === true);
}

/**
 * Callers still waiting on a PBX process that is gone: abandoned, line lost. Their operators freed.
 * `alsoLock`: a queue the caller locks next (a route query's), taken here in the same order.
 */
export async function closeOtherBoots(
  client: PoolClient,
  boot: string,
  timings: QueueTimings,
  alsoLock?: string,
) {
  const { rows: queues } = await client.query<{ queue: string }>(
    `SELECT DISTINCT queue FROM queue_calls WHERE ${LIVE} AND pbx_boot <> $1`,
    [boot],
  );
  if (queues.length === 0) return { closed: 0, pushes: [] as PushTarget[] };
  await lockQueues(client, [...queues.map((q) => q.queue), ...(alsoLock === undefined ? [] : [alsoLock])]);
  const { rows } = await client.query<{ operator_id: string | null; sip_call_id: string; was: string }>(
    `UPDATE queue_calls q SET state = 'abandoned', end_cause = 'line_lost', left_at = clock_timestamp(),
            suspended = false, updated_at = now()
       FROM queue_calls old
      WHERE old.id = q.id AND q.${LIVE} AND q.pbx_boot <> $1
      RETURNING q.operator_id, q.sip_call_id, old.state AS was`,
    [boot],
  );
  await releaseRinging(
    client,
    rows
      .filter((r) => r.was === 'offered' && r.operator_id)
      .map((r) => ({ operatorId: r.operator_id!, callKey: r.sip_call_id })),
  );
  const pushes: PushTarget[] = [];
  for (const { queue } of queues) pushes.push(...(await dispatch(client, queue, timings)));
  return { closed: rows.length, pushes };
}

export interface RouteQuery {
  queue: string;
  callId: string;
  from: string;
  boot: string;
  controlUrl: string;
  tIndex: number;
  tLabel: number;
  tried: readonly string[];
  /** When the PBX received the caller's INVITE (its clock, epoch ms), if it said. */
  arrivedMs?: number;
}

/**
 * The PBX's arrival time is trusted from the longest a caller may wait (maxWaitSeconds) before the
 * server's clock to this much after it. Not a symmetric few seconds: under a burst the PBX's
 * question can reach the server many seconds after the INVITE (its workers wait on earlier
 * questions), and a caller whose time was then replaced by the server's would drop behind everyone
 * who called after them. A PBX clock behind the server's shifts all of that PBX's callers alike
 * (order among them holds); only callers of two PBXs with different clocks are compared unfairly,
 * by the difference: keep PBXs on NTP.
 */
export const ARRIVAL_AHEAD_SECONDS = 5;

/** How long a new caller still waits before being offered (QueueSettings.settleMs), ms. */
function settleLeftMs(query: RouteQuery, settleMs: number): number {
  if (query.arrivedMs === undefined) return 0;
  return Math.round(Math.min(settleMs, Math.max(0, query.arrivedMs + settleMs - Date.now())));
}

interface CallRow {
  id: string;
  state: string;
  end_cause: QueueEndCause | null;
  operator: string | null;
}

async function readCall(client: PoolClient, key: string): Promise<CallRow | undefined> {
  const { rows } = await client.query<CallRow>(
    `SELECT q.id, q.state, q.end_cause, u.username AS operator
       FROM queue_calls q LEFT JOIN users u ON u.id = q.operator_id
      WHERE q.sip_call_id = $1`,
    [key],
  );
  return rows[0];
}

/** 1 = served next; callers already ringing an operator are ahead (pairing.ts, withPositions). */
async function positionOf(client: PoolClient, id: string): Promise<number> {
  const { rows } = await client.query<{ position: string }>(
    `SELECT count(*) AS position FROM queue_calls o, queue_calls me
      WHERE me.id = $1 AND o.queue = me.queue AND o.${LIVE}
        AND (o.priority > me.priority
             OR (o.priority = me.priority AND (o.arrived_at, o.id) <= (me.arrived_at, me.id)))`,
    [id],
  );
  return Number(rows[0]!.position);
}

/**
 * The PBX asks about a caller (new, resumed, retried or hunting). Call inside a transaction; the
 * pushes are for OTHER callers the dispatch offered, to be sent after commit.
 */
export async function routeCall(
  client: PoolClient,
  query: RouteQuery,
  timings: QueueTimings,
): Promise<{ answer: RouteAnswer | Settle; pushes: PushTarget[] }> {
  const key = agentCallId(query.callId);
  const { settings } = timings;
  await lockQueue(client, query.queue);
  let call = await readCall(client, key);
  if (!call) {
    const reasons = await priorityReasons(client, settings.priorities, query.from);
    const entered = await enterCall(
      client,
      query,
      timings,
      priorityOf(settings.priorities, reasons),
      ARRIVAL_AHEAD_SECONDS,
    );
    if (entered.refused)
      return { answer: { status: 410, body: entered.full ? 'full' : 'no_operator' }, pushes: [] };
    // Nobody could take a caller now (a burst while every operator talks): the caller waits, answered
    // from its entry alone, with a few statements instead of a dozen, so the burst clears sooner.
    if (!entered.routable) return { answer: { status: 202, body: String(entered.position) }, pushes: [] };
    // Someone could: first a moment for callers the PBX received earlier but asks about later.
    const settleMs = settleLeftMs(query, settings.settleMs);
    if (settleMs > 0) return { answer: { status: 'settle', ms: settleMs }, pushes: [] };
    call = (await readCall(client, key))!;
  } else {
    await client.query(
      `UPDATE queue_calls SET seen_at = clock_timestamp(), pbx_boot = $2, pbx_control_url = $3, t_index = $4,
              t_label = $5, updated_at = now()
        WHERE id = $1 AND ${LIVE}`,
      [call.id, query.boot, query.controlUrl, query.tIndex, query.tLabel],
    );
  }
  const final = finalAnswer(call);
  if (final) return { answer: final, pushes: [] };

  if (query.tried.length > 0) await releaseTried(client, call, key, query.tried);
  // With nobody to take a caller (a burst while every operator talks) the dispatcher has nothing
  // to pair: the question is answered with a few statements fewer, and the burst clears sooner.
  const pushes = (await anyRoutable(client, timings)) ? await dispatch(client, query.queue, timings) : [];
  call = (await readCall(client, key))!;
  if (call.state === 'waiting' && (await pastMaxWait(client, call.id, settings.maxWaitSeconds))) {
    await client.query(
      `UPDATE queue_calls SET state = 'timed_out', end_cause = 'max_wait', left_at = clock_timestamp(),
              suspended = false, updated_at = now()
        WHERE id = $1`,
      [call.id],
    );
    return { answer: { status: 410, body: 'timed_out' }, pushes };
  }
  const mine = pushes.filter((p) => p.id !== call.id);
  if (call.state === 'offered') {
    await client.query(`UPDATE queue_calls SET suspended = false WHERE id = $1`, [call.id]);
    return { answer: { status: 200, body: call.operator! }, pushes: mine };
  }
  const settled = finalAnswer(call);
  if (settled) return { answer: settled, pushes: mine };
  await client.query(`UPDATE queue_calls SET suspended = true WHERE id = $1`, [call.id]);
  return { answer: { status: 202, body: String(await positionOf(client, call.id)) }, pushes: mine };
}

/**
 * A caller the dispatcher offered to an operator, asked about again (resumed by its push, or a
 * retry): the operator, from the caller's row alone. Not behind the queue's lock, where a burst of
 * new callers' questions waits its turn, so the freed operator's phone rings without that wait; the
 * row's lock orders it with anything that takes the offer back (the UPDATE sees the committed state).
 * Null: any other caller, asked the usual way (routeCall).
 */
export async function answerOffered(db: Queryable, query: RouteQuery): Promise<RouteAnswer | null> {
  if (query.tried.length > 0) return null;
  const key = agentCallId(query.callId);
  const { rows } = await db.query<{ operator: string }>(
    `UPDATE queue_calls q SET seen_at = clock_timestamp(), suspended = false, pbx_boot = $2, pbx_control_url = $3,
            t_index = $4, t_label = $5, updated_at = now()
       FROM users u
      WHERE q.sip_call_id = $1 AND q.state = 'offered' AND u.id = q.operator_id
      RETURNING u.username AS operator`,
    [key, query.boot, query.controlUrl, query.tIndex, query.tLabel],
  );
  return rows[0] ? { status: 200, body: rows[0].operator } : null;
}

async function pastMaxWait(client: PoolClient, id: string, maxWaitSeconds: number): Promise<boolean> {
  const { rows } = await client.query<{ past: boolean }>(
    `SELECT entered_at <= now() - make_interval(secs => $2) AS past FROM queue_calls WHERE id = $1`,
    [id, maxWaitSeconds],
  );
  return rows[0]?.past === true;
}

/** What a caller that already left the queue is told if the PBX still asks. */
function finalAnswer(call: CallRow): RouteAnswer | null {
  switch (call.state) {
    case 'answered':
      return call.operator ? { status: 200, body: call.operator } : { status: 410, body: 'no_operator' };
    case 'timed_out':
      return { status: 410, body: 'timed_out' };
    case 'abandoned':
    case 'failed':
      return { status: 410, body: 'no_operator' };
    default:
      return null;
  }
}

/**
 * Operators the PBX says did not take this caller: released if still ringing it, remembered so
 * they are not offered it again, and the caller goes back to waiting with its own id (its place).
 */
async function releaseTried(client: PoolClient, call: CallRow, key: string, tried: readonly string[]) {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM users WHERE username = ANY($1)`, [
    [...tried],
  ]);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return;
  await releaseRinging(
    client,
    ids.map((operatorId) => ({ operatorId, callKey: key })),
  );
  await client.query(
    `UPDATE queue_calls
        SET tried_operator_ids = ARRAY(SELECT DISTINCT unnest(tried_operator_ids || $2::uuid[])),
            state = CASE WHEN state = 'offered' AND operator_id = ANY($2::uuid[]) THEN 'waiting' ELSE state END,
            offered_at = CASE WHEN state = 'offered' AND operator_id = ANY($2::uuid[]) THEN NULL ELSE offered_at END,
            operator_id = CASE WHEN state = 'offered' AND operator_id = ANY($2::uuid[]) THEN NULL ELSE operator_id END,
            updated_at = now()
      WHERE id = $1`,
    [call.id, ids],
  );
}

export type QueueEvent = 'answered' | 'abandoned' | 'timed_out';

/**
 * The PBX reports how a caller left. Idempotent: a caller already out of the queue is not changed.
 * Returns the suspended callers the freed operator was then offered to.
 */
export async function recordEvent(
  client: PoolClient,
  callId: string,
  event: QueueEvent,
  operator: string | null,
  timings: QueueTimings,
): Promise<PushTarget[]> {
  const key = agentCallId(callId);
  const { rows: found } = await client.query<{ queue: string }>(
    `SELECT queue FROM queue_calls WHERE sip_call_id = $1 AND ${LIVE}`,
    [key],
  );
  if (!found[0]) return [];
  const queue = found[0].queue;
  await lockQueue(client, queue);
  if (event === 'answered') {
    const { rows: taken } = await client.query<{ operator_id: string | null }>(
      `UPDATE queue_calls SET state = 'answered', answered_at = clock_timestamp(), left_at = clock_timestamp(),
              suspended = false, operator_id = coalesce((SELECT id FROM users WHERE username = $2), operator_id),
              updated_at = now()
        WHERE sip_call_id = $1 AND ${LIVE}
        RETURNING operator_id`,
      [key, operator],
    );
    // The operator took the call, but until its workstation says so (on_call) the agent is only
    // ringing it, and a reservation that lapsed would make it routable: a second caller would ring
    // a phone already on a call. The reservation is renewed from now; the workstation's report
    // (on_call, or anything after the call) ends it as usual.
    const operatorId = taken[0]?.operator_id;
    if (operatorId)
      await client.query(
        `UPDATE agents SET reserved_until = greatest(reserved_until, clock_timestamp() + make_interval(secs => $3)),
                updated_at = now()
          WHERE user_id = $1 AND reserved_call_id = $2 AND state ->> 'state' = 'ringing'
            AND state ->> 'callId' = $2`,
        [operatorId, key, timings.reservationSeconds],
      );
    return [];
  }
  const { rows } = await client.query<{ operator_id: string | null; was: string }>(
    `UPDATE queue_calls q SET state = $2, end_cause = $3, left_at = clock_timestamp(), suspended = false,
            updated_at = now()
       FROM queue_calls old
      WHERE old.id = q.id AND q.sip_call_id = $1 AND q.${LIVE}
      RETURNING q.operator_id, old.state AS was`,
    [key, event, event === 'abandoned' ? 'caller_hung_up' : 'max_wait'],
  );
  const row = rows[0];
  if (row?.was === 'offered' && row.operator_id)
    await releaseRinging(client, [{ operatorId: row.operator_id, callKey: key }]);
  return dispatch(client, queue, timings);
}

/**
 * The agent's workstation reports being on this call: the offered caller was answered (the PBX's
 * `answered` event may have been lost). One row, ordered with anything else changing it by the
 * row's lock, not the queue's: the workstation's next report (available, after the call) waits for
 * this one, and must not wait behind a burst of new callers holding the queue.
 */
export async function confirmAnswered(db: Queryable, userId: string, callKey: string): Promise<void> {
  await db.query(
    `UPDATE queue_calls SET state = 'answered', answered_at = clock_timestamp(), left_at = clock_timestamp(), operator_id = $2,
            suspended = false, updated_at = now()
      WHERE sip_call_id = $1 AND ${LIVE}`,
    [callKey, userId],
  );
}

/**
 * The PBX has no such suspended caller (404) and has not asked about it since the push: it hung up
 * unseen or the PBX lost it. (A 404 also answers a second push that crossed the PBX's question
 * after the first one resumed the caller: that question, recorded in seen_at, keeps the row.)
 */
export async function closeLostLine(
  client: PoolClient,
  target: PushTarget,
  timings: QueueTimings,
): Promise<PushTarget[]> {
  const { rows: found } = await client.query<{ queue: string }>(
    `SELECT queue FROM queue_calls WHERE id = $1 AND ${LIVE}`,
    [target.id],
  );
  if (!found[0]) return [];
  await lockQueue(client, found[0].queue);
  const { rows } = await client.query<{ operator_id: string | null; sip_call_id: string; was: string }>(
    `UPDATE queue_calls q SET state = 'abandoned', end_cause = 'line_lost', left_at = clock_timestamp(),
            suspended = false, updated_at = now()
       FROM queue_calls old
      WHERE old.id = q.id AND q.id = $1 AND q.${LIVE} AND q.suspended
        AND q.pbx_control_url = $2 AND q.t_index = $3 AND q.t_label = $4 AND q.seen_at < $5
      RETURNING q.operator_id, q.sip_call_id, old.state AS was`,
    [target.id, target.controlUrl, target.tIndex, target.tLabel, target.pushedAt],
  );
  const row = rows[0];
  if (!row) return [];
  if (row.was === 'offered' && row.operator_id)
    await releaseRinging(client, [{ operatorId: row.operator_id, callKey: row.sip_call_id }]);
  return dispatch(client, found[0].queue, timings);
}

/**
 * Callers past the max wait by `forgottenAfterSeconds` whose PBX has not asked about them for as
 * long: the PBX that held them is gone without a boot event (it was pushed, it never asked). They
 * leave as timed out, their operators freed. Call with the queue locked.
 */
export async function closeForgotten(
  client: PoolClient,
  queue: string,
  timings: QueueTimings,
): Promise<number> {
  const { rows } = await client.query<{ operator_id: string | null; sip_call_id: string; was: string }>(
    `UPDATE queue_calls q SET state = 'timed_out', end_cause = 'max_wait', left_at = clock_timestamp(), suspended = false,
            updated_at = now()
       FROM queue_calls old
      WHERE old.id = q.id AND q.queue = $1 AND q.${LIVE}
        AND q.entered_at <= now() - make_interval(secs => $2::float8 + $3::float8)
        AND q.seen_at <= now() - make_interval(secs => $3::float8)
      RETURNING q.operator_id, q.sip_call_id, old.state AS was`,
    [queue, timings.settings.maxWaitSeconds, timings.settings.forgottenAfterSeconds],
  );
  await releaseRinging(
    client,
    rows
      .filter((r) => r.was === 'offered' && r.operator_id)
      .map((r) => ({ operatorId: r.operator_id!, callKey: r.sip_call_id })),
  );
  return rows.length;
}

/** Queues with callers in them: what the sweep and a freed operator dispatch. */
export async function liveQueues(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ queue: string }>(`SELECT DISTINCT queue FROM queue_calls WHERE ${LIVE}`);
  return rows.map((r) => r.queue);
}

/**
 * Suspended callers the PBX should have asked about by now: offered more than `repushAfterMs` ago
 * with no question since, or waiting past the max wait (their question is answered 410). Claimed
 * by stamping pushed_at, so two instances' sweeps do not both push.
 */
export async function claimRepushes(db: Queryable, timings: QueueTimings): Promise<PushTarget[]> {
  const { rows } = await db.query<PushRow>(
    `UPDATE queue_calls SET pushed_at = now()
      WHERE suspended AND ${LIVE}
        AND (pushed_at IS NULL OR pushed_at < now() - make_interval(secs => $1))
        AND ((state = 'offered' AND offered_at < now() - make_interval(secs => $1) AND seen_at < offered_at)
             OR (state = 'waiting' AND entered_at <= now() - make_interval(secs => $2)))
      RETURNING id, pbx_control_url, t_index, t_label, pushed_at`,
    [timings.settings.repushAfterMs / 1000, timings.settings.maxWaitSeconds],
  );
  return toPush(rows);
}
