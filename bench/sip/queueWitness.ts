// The server's own record of a queue run, read from its PostgreSQL as a witness: each caller's
// queue_calls row (arrival id, state, offer and answer times, operator) and the agents' state
// history (when each call was first offered = the agent reserved ringing it, and when each
// operator was available again after a call).
import { agentCallId } from '../../src/shared/softphone/agent';
import type { Pool } from '../../src/server/db/pool';

export interface QueueRow {
  /** Arrival order within a priority (bigserial), as a number. */
  id: number;
  sipCallId: string;
  priority: number;
  state: string;
  endCause: string | null;
  enteredAt: number;
  offeredAt: number | null;
  answeredAt: number | null;
  leftAt: number | null;
  offers: number;
  /** The operator ringing (offered) or who answered. */
  operator: string | null;
}

export interface AgentInterval {
  username: string;
  state: string;
  callId: string | null;
  startedAt: number;
  endedAt: number | null;
}

export interface QueueWitness {
  rows: QueueRow[];
  /** Rows of any call still waiting or offered in the whole table (should be none after a run). */
  stillQueued: number;
  /** Every interval of the given operators since `from` (ringing, on_call, wrap_up, available ...). */
  intervals: AgentInterval[];
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

export async function readQueueWitness(
  pool: Pool,
  sipCallIds: readonly string[],
  operators: readonly string[],
  fromEpochMs: number,
): Promise<QueueWitness> {
  const keys = sipCallIds.map(agentCallId);
  const { rows } = await pool.query<{
    id: string;
    sip_call_id: string;
    priority: number;
    state: string;
    end_cause: string | null;
    entered_at: Date;
    offered_at: Date | null;
    answered_at: Date | null;
    left_at: Date | null;
    offers: number;
    username: string | null;
  }>(
    // `id` is the caller's rank in the queue's order (the PBX's arrival time, then the row id:
    // migration 062), which is what the analysis compares offers against.
    `SELECT (row_number() OVER (ORDER BY q.arrived_at, q.id))::text AS id, q.sip_call_id, q.priority, q.state, q.end_cause, q.entered_at, q.offered_at,
            q.answered_at, q.left_at, q.offers, u.username
       FROM queue_calls q LEFT JOIN users u ON u.id = q.operator_id
      WHERE q.sip_call_id = ANY($1) ORDER BY q.arrived_at, q.id`,
    [keys],
  );
  const still = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM queue_calls WHERE state IN ('waiting', 'offered')`,
  );
  const history = await pool.query<{
    username: string;
    state: string;
    call_id: string | null;
    started_at: Date;
    ended_at: Date | null;
  }>(
    `SELECT u.username, h.state, h.call_id, h.started_at, h.ended_at
       FROM agent_state_history h JOIN users u ON u.id = h.user_id
      WHERE u.username = ANY($1) AND (h.ended_at IS NULL OR h.ended_at >= to_timestamp($2 / 1000.0))
      ORDER BY h.started_at, h.id`,
    [operators, fromEpochMs],
  );
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      sipCallId: r.sip_call_id,
      priority: r.priority,
      state: r.state,
      endCause: r.end_cause,
      enteredAt: r.entered_at.getTime(),
      offeredAt: ms(r.offered_at),
      answeredAt: ms(r.answered_at),
      leftAt: ms(r.left_at),
      offers: r.offers,
      operator: r.username,
    })),
    stillQueued: Number(still.rows[0]?.n ?? 0),
    intervals: history.rows.map((h) => ({
      username: h.username,
      state: h.state,
      callId: h.call_id,
      startedAt: h.started_at.getTime(),
      endedAt: ms(h.ended_at),
    })),
  };
}

/** Waits (up to `timeoutMs`) until none of these calls is still waiting or offered. */
export async function waitQueueSettled(
  pool: Pool,
  sipCallIds: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const keys = sipCallIds.map(agentCallId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM queue_calls WHERE sip_call_id = ANY($1) AND state IN ('waiting', 'offered')`,
      [keys],
    );
    if (Number(rows[0]?.n ?? 0) === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
