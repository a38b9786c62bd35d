// Reading agents as AgentSnapshot (src/shared/softphone/agent.ts). Every operator and team lead is
// an agent; one who never connected a workstation shows as offline since the account was made.
import { AgentState, type AgentSnapshot } from '../../shared/softphone/agent';
import type { LiveSettings } from '../config';
import type { Queryable } from '../db/pool';

/** Roles that take calls: they hold SIP credentials and publish a state. */
export const AGENT_ROLES = ['operator', 'team_lead'] as const;

/**
 * A connection is taken as live while its instance refreshed it within this many heartbeats: an
 * instance that crashed cannot clear its agents' `connected`, so staleness does.
 */
export const STALE_HEARTBEATS = 3;

export const staleSeconds = (live: LiveSettings): number =>
  Math.max(1, Math.ceil((live.heartbeatMs * STALE_HEARTBEATS) / 1000));

interface SnapshotRow {
  user_id: string;
  username: string;
  name: string;
  state: unknown;
  since: Date;
  sip_registered: boolean;
  connected: boolean;
}

const SELECT_SNAPSHOTS = `
  SELECT u.id AS user_id, u.username, u.name,
         coalesce(a.state, '{"state": "offline"}'::jsonb) AS state,
         coalesce(a.since, u.created_at) AS since,
         coalesce(a.sip_registered, false) AS sip_registered,
         coalesce(a.connected AND a.connection_seen_at > now() - make_interval(secs => $1), false) AS connected
    FROM users u LEFT JOIN agents a ON a.user_id = u.id
   WHERE u.role = ANY($2) AND NOT u.disabled`;

function toSnapshot(row: SnapshotRow): AgentSnapshot {
  return {
    userId: row.user_id,
    username: row.username,
    name: row.name,
    // Written only by this server from validated states; parsing keeps a hand-edited row from
    // reaching clients as something the contract does not allow.
    state: AgentState.catch({ state: 'offline' }).parse(row.state),
    since: row.since.toISOString(),
    sipRegistered: row.sip_registered,
    connected: row.connected,
  };
}

export async function listAgents(db: Queryable, staleSeconds: number): Promise<AgentSnapshot[]> {
  const { rows } = await db.query<SnapshotRow>(`${SELECT_SNAPSHOTS} ORDER BY u.username`, [
    staleSeconds,
    AGENT_ROLES,
  ]);
  return rows.map(toSnapshot);
}

/** One agent's snapshot; null when the user is not an enabled agent. */
export async function agentSnapshot(
  db: Queryable,
  userId: string,
  staleSeconds: number,
): Promise<AgentSnapshot | null> {
  const { rows } = await db.query<SnapshotRow>(`${SELECT_SNAPSHOTS} AND u.id = $3`, [
    staleSeconds,
    AGENT_ROLES,
    userId,
  ]);
  return rows[0] ? toSnapshot(rows[0]) : null;
}
