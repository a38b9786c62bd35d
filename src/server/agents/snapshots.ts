// Reading agents as AgentSnapshot (src/shared/softphone/agent.ts). Every operator and team lead is
// an agent; one who never connected a workstation shows as offline since the account was made.
// The floor's extras (issue 13) come in the same statement: the role, the sign-in time (from the
// state history), the call named by a ringing or on-call state (from the workstation's call record,
// else the queue's row of a hotline call routed but not yet reported) and when the line went down.
import { maskPhone } from '../../shared/queue/queue';
import { AgentState, type AgentCall, type AgentSnapshot } from '../../shared/softphone/agent';
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
  role: string;
  state: unknown;
  since: Date;
  sip_registered: boolean;
  connected: boolean;
  signed_in_at: Date | null;
  line_down_since: Date | null;
  call_direction: 'inbound' | 'outbound' | null;
  call_started_at: Date | null;
  call_answered_at: Date | null;
  /** The last four digits of the other party's number at most: the full number never leaves SQL. */
  call_digits: string | null;
  queue_masked: string | null;
  queue_started_at: Date | null;
  queue_answered_at: Date | null;
}

// The laterals are index lookups (migration 065: the last offline interval; 045: the call record by
// the agent-state form of its Call-ID; 060: the queue row by it), so 200 agents stay one quick read.
const SELECT_SNAPSHOTS = `
  SELECT u.id AS user_id, u.username, u.name, u.role,
         coalesce(a.state, '{"state": "offline"}'::jsonb) AS state,
         coalesce(a.since, u.created_at) AS since,
         coalesce(a.sip_registered, false) AS sip_registered,
         coalesce(a.connected AND a.connection_seen_at > now() - make_interval(secs => $1), false) AS connected,
         CASE WHEN coalesce(a.state ->> 'state', 'offline') <> 'offline'
              THEN coalesce(off.ended_at, first.started_at, a.since) END AS signed_in_at,
         CASE WHEN a.connected AND NOT a.sip_registered AND a.state ->> 'state' <> 'offline'
              THEN a.line_down_since END AS line_down_since,
         c.direction AS call_direction, c.ring_at AS call_started_at, c.answered_at AS call_answered_at,
         c.digits AS call_digits,
         q.caller_masked AS queue_masked, coalesce(q.offered_at, q.entered_at) AS queue_started_at,
         CASE WHEN q.operator_id = u.id THEN q.answered_at END AS queue_answered_at
    FROM users u
    LEFT JOIN agents a ON a.user_id = u.id
    LEFT JOIN LATERAL (
      SELECT max(h.ended_at) AS ended_at FROM agent_state_history h
       WHERE h.user_id = u.id AND h.state = 'offline' AND h.ended_at IS NOT NULL
         AND a.state ->> 'state' <> 'offline'
    ) off ON true
    LEFT JOIN LATERAL (
      SELECT min(h.started_at) AS started_at FROM agent_state_history h
       WHERE h.user_id = u.id AND off.ended_at IS NULL AND a.state ->> 'state' <> 'offline'
    ) first ON true
    LEFT JOIN LATERAL (
      SELECT k.direction, k.ring_at, k.answered_at,
             nullif(right(regexp_replace(coalesce(k.record ->> 'remoteNumber', ''), '[^0-9]', '', 'g'), 4), '')
               AS digits
        FROM calls k
       WHERE a.state ->> 'state' IN ('ringing', 'on_call')
         AND k.operator_id = u.id AND left(k.sip_call_id, 64) = a.state ->> 'callId'
       ORDER BY k.version DESC, k.received_at DESC LIMIT 1
    ) c ON true
    LEFT JOIN LATERAL (
      SELECT qc.caller_masked, qc.offered_at, qc.entered_at, qc.answered_at, qc.operator_id
        FROM queue_calls qc
       WHERE a.state ->> 'state' IN ('ringing', 'on_call') AND qc.sip_call_id = a.state ->> 'callId'
    ) q ON true
   WHERE u.role = ANY($2) AND NOT u.disabled`;

function callOf(row: SnapshotRow): AgentCall | null {
  if (row.call_direction && row.call_started_at) {
    return {
      direction: row.call_direction,
      startedAt: row.call_started_at.toISOString(),
      answeredAt: (row.call_answered_at ?? row.queue_answered_at)?.toISOString() ?? null,
      otherPartyMasked: maskPhone(row.call_digits) ?? row.queue_masked,
    };
  }
  // A hotline call the queue routed here that the workstation has not recorded yet.
  if (row.queue_started_at) {
    return {
      direction: 'inbound',
      startedAt: row.queue_started_at.toISOString(),
      answeredAt: row.queue_answered_at?.toISOString() ?? null,
      otherPartyMasked: row.queue_masked,
    };
  }
  return null;
}

function toSnapshot(row: SnapshotRow): AgentSnapshot {
  // Written only by this server from validated states; parsing keeps a hand-edited row from
  // reaching clients as something the contract does not allow.
  const state = AgentState.catch({ state: 'offline' }).parse(row.state);
  const onCall = state.state === 'ringing' || state.state === 'on_call';
  return {
    userId: row.user_id,
    username: row.username,
    name: row.name,
    state,
    since: row.since.toISOString(),
    sipRegistered: row.sip_registered,
    connected: row.connected,
    role: row.role === 'team_lead' || row.role === 'feedback' ? row.role : 'operator',
    signedInAt: state.state === 'offline' ? null : (row.signed_in_at?.toISOString() ?? null),
    call: onCall ? callOf(row) : null,
    lineDownSince: row.line_down_since?.toISOString() ?? null,
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
