// A new caller enters the queue in one statement (with the queue's lock already held): whether the
// queue is full or nobody is signed in to take them (then they are recorded as failed, no_operator),
// their row, whether any agent could be offered a caller now, and their position. During a burst
// of callers while every operator talks, this is all a question needs; it used to take a dozen
// round trips to PostgreSQL, and on a loaded machine each one waits its turn for a core.
import { maskPhone } from '../../shared/queue/queue';
import { agentCallId } from '../../shared/softphone/agent';
import { AGENT_ROLES } from '../agents/snapshots';
import type { PoolClient } from '../db/pool';
import { routableAgent, staffingAgent } from './agentCriteria';
import type { QueueTimings, RouteQuery } from './store';

export type Entry =
  { refused: true; full: boolean } | { refused: false; routable: boolean; position: number };

interface EntryRow {
  full: boolean;
  refused: boolean;
  routable: boolean;
  position: string;
}

const LIVE = `state IN ('waiting', 'offered')`;

/**
 * Inserts the caller (the PBX's arrival time trusted within `arrivalAheadSeconds` ahead of the
 * server's clock and the longest wait behind it, else the entry time). A caller who waits because
 * nobody can be offered them now is recorded as suspended: the PBX suspends them on the 202.
 */
export async function enterCall(
  client: PoolClient,
  query: RouteQuery,
  timings: QueueTimings,
  priority: { priority: number; reason: string | null },
  arrivalAheadSeconds: number,
): Promise<Entry> {
  const { settings } = timings;
  const { rows } = await client.query<EntryRow>(
    `WITH t AS (SELECT clock_timestamp() AS at, to_timestamp($10::float8 / 1000) AS pbx_at),
          v AS (SELECT (SELECT count(*) FROM queue_calls WHERE queue = $2 AND ${LIVE}) >= $13 AS full,
                       NOT EXISTS (SELECT 1 FROM agents a JOIN users u ON u.id = a.user_id
                                    WHERE ${staffingAgent('$14', '$15')}) AS unstaffed,
                       EXISTS (SELECT 1 FROM agents a JOIN users u ON u.id = a.user_id
                                WHERE ${routableAgent('$14', '$15')}) AS routable),
          ins AS (
            INSERT INTO queue_calls (sip_call_id, queue, priority, priority_reason, caller_masked, state,
                                     entered_at, arrived_at, left_at, end_cause, pbx_boot, pbx_control_url,
                                     t_index, t_label, suspended)
            SELECT $1, $2,
                   CASE WHEN v.full OR v.unstaffed THEN 0 ELSE $3::smallint END,
                   CASE WHEN v.full OR v.unstaffed THEN NULL ELSE $4::text END,
                   $5,
                   CASE WHEN v.full OR v.unstaffed THEN 'failed' ELSE 'waiting' END,
                   t.at,
                   CASE WHEN t.pbx_at BETWEEN t.at - make_interval(secs => $12) AND t.at + make_interval(secs => $11)
                        THEN t.pbx_at ELSE t.at END,
                   CASE WHEN v.full OR v.unstaffed THEN t.at END,
                   CASE WHEN v.full OR v.unstaffed THEN 'no_operator' END,
                   $6, $7, $8, $9,
                   NOT (v.full OR v.unstaffed OR v.routable)
              FROM t, v
            RETURNING id, state, priority, arrived_at)
     SELECT v.full, ins.state = 'failed' AS refused, v.routable,
            1 + (SELECT count(*) FROM queue_calls o
                  WHERE o.queue = $2 AND o.${LIVE}
                    AND (o.priority > ins.priority
                         OR (o.priority = ins.priority AND (o.arrived_at, o.id) <= (ins.arrived_at, ins.id))))
              AS position
       FROM ins, v`,
    [
      agentCallId(query.callId),
      query.queue,
      priority.priority,
      priority.reason,
      maskPhone(query.from),
      query.boot,
      query.controlUrl,
      query.tIndex,
      query.tLabel,
      query.arrivedMs ?? null,
      arrivalAheadSeconds,
      settings.maxWaitSeconds,
      settings.capacity,
      AGENT_ROLES,
      timings.staleSeconds,
    ],
  );
  const row = rows[0]!;
  return row.refused
    ? { refused: true, full: row.full }
    : { refused: false, routable: row.routable, position: Number(row.position) };
}
