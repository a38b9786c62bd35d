// State intervals for reports: every interval that overlaps the asked span, oldest first.
import type { Queryable } from '../db/pool';
import {
  HISTORY_MAX_ROWS,
  type AgentHistoryQuery,
  type AgentHistoryResponse,
  type AgentInterval,
} from './schemas';

interface IntervalRow {
  user_id: string;
  username: string;
  state: AgentInterval['state'];
  reason: string | null;
  call_id: string | null;
  started_at: Date;
  ended_at: Date | null;
}

export async function agentHistory(db: Queryable, query: AgentHistoryQuery): Promise<AgentHistoryResponse> {
  const { rows } = await db.query<IntervalRow>(
    `SELECT h.user_id, u.username, h.state, h.reason, h.call_id, h.started_at, h.ended_at
       FROM agent_state_history h JOIN users u ON u.id = h.user_id
      WHERE h.started_at < $2 AND (h.ended_at IS NULL OR h.ended_at > $1)
        AND ($3::uuid IS NULL OR h.user_id = $3::uuid)
      ORDER BY h.started_at, h.id
      LIMIT $4`,
    [query.from, query.to, query.userId ?? null, HISTORY_MAX_ROWS + 1],
  );
  return {
    intervals: rows.slice(0, HISTORY_MAX_ROWS).map((row) => ({
      userId: row.user_id,
      username: row.username,
      state: row.state,
      reason: row.reason,
      callId: row.call_id,
      startedAt: row.started_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
    })),
    truncated: rows.length > HISTORY_MAX_ROWS,
  };
}
