// Writes of agent state. Every change of state closes the agent's open history interval and opens
// the next one in the same transaction, and notifies `agent_changed` so every instance tells its
// subscribed team leads (the notification is delivered on commit, never for a rolled-back change).
import { isDeepStrictEqual } from 'node:util';
import { AgentState } from '../../shared/softphone/agent';
import type { PoolClient, Queryable } from '../db/pool';

export const AGENT_CHANNEL = 'agent_changed';
export const SYNC_CHANNEL = 'sync_changed';
/**
 * A team lead set an agent's state (agents/override.ts): the payload is
 * `{"userId": <agent>, "override": AgentOverride}`, which the live hub sends to that agent's
 * workstation as `agent.set`.
 */
export const AGENT_OVERRIDE_CHANNEL = 'agent_override';

function historyColumns(state: AgentState): { reason: string | null; callId: string | null } {
  switch (state.state) {
    case 'break':
      return { reason: state.reason, callId: null };
    case 'ringing':
    case 'on_call':
      return { reason: null, callId: state.callId };
    default:
      return { reason: null, callId: null };
  }
}

/**
 * Closes the open interval and opens one for `state`, both at the moment of the change
 * (clock_timestamp(), not the transaction's start: a transaction that waited for a lock, such as the
 * queue's dispatch, would otherwise date the change before the state it replaced). A call the
 * server does not know yet (`callKnown` false) is kept as claimed until its record arrives
 * (migration 045), so reports never name a made-up call.
 */
export async function startInterval(
  db: Queryable,
  userId: string,
  state: AgentState,
  callKnown = true,
): Promise<void> {
  const { reason, callId } = historyColumns(state);
  const { rows } = await db.query<{ at: string }>(
    `WITH t AS (SELECT clock_timestamp() AS at),
          closed AS (UPDATE agent_state_history SET ended_at = greatest(t.at, started_at) FROM t
                      WHERE user_id = $1 AND ended_at IS NULL
                      RETURNING ended_at)
     SELECT greatest(t.at, (SELECT max(ended_at) FROM closed))::text AS at FROM t`,
    [userId],
  );
  await db.query(
    `INSERT INTO agent_state_history (user_id, state, reason, call_id, claimed_call_id, started_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`,
    [userId, state.state, reason, callKnown ? callId : null, callKnown ? null : callId, rows[0]!.at],
  );
}

const namedCall = (state: AgentState): string | null =>
  state.state === 'ringing' || state.state === 'on_call' ? state.callId : null;

/** Whether the call a reported state names is one the server knows for this agent. */
async function isKnownCall(
  client: PoolClient,
  userId: string,
  current: AgentState,
  locked: LockedAgent,
  reported: AgentState,
): Promise<boolean> {
  const callId = namedCall(reported);
  if (callId === null || callId === locked.reserved_call_id || callId === namedCall(current)) return true;
  const { rowCount } = await client.query(
    'SELECT 1 FROM calls WHERE operator_id = $1 AND left(sip_call_id, 64) = $2 LIMIT 1',
    [userId, callId],
  );
  return rowCount !== 0;
}

export async function notifyAgentChanged(db: Queryable, userId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [AGENT_CHANNEL, userId]);
}

interface LockedAgent {
  state: unknown;
  reserved_call_id: string | null;
  reservation_live: boolean;
  sip_registered: boolean;
}

async function lockAgent(client: PoolClient, userId: string): Promise<LockedAgent> {
  await client.query('INSERT INTO agents (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
  const { rows } = await client.query<LockedAgent>(
    `SELECT state, reserved_call_id, coalesce(reserved_until > now(), false) AS reservation_live, sip_registered
       FROM agents WHERE user_id = $1 FOR UPDATE`,
    [userId],
  );
  return rows[0]!;
}

/**
 * What the workstation reported, applied against a reservation the PBX made: a workstation that says
 * `available` while a routed call is still on its way to it stays ringing, or the next call could be
 * routed to it as well; reporting the routed call (ringing or on call) confirms the reservation.
 */
function resolveReport(
  current: AgentState,
  locked: LockedAgent,
  reported: AgentState,
): { state: AgentState; keepReservation: boolean } {
  if (locked.reservation_live && reported.state === 'available')
    return { state: current, keepReservation: true };
  return { state: reported, keepReservation: false };
}

/** Call inside a transaction. Returns whether anything a snapshot shows changed. */
export async function reportAgentState(
  client: PoolClient,
  userId: string,
  reported: AgentState,
  sipRegistered: boolean,
): Promise<boolean> {
  const locked = await lockAgent(client, userId);
  const current = AgentState.catch({ state: 'offline' }).parse(locked.state);
  const { state, keepReservation } = resolveReport(current, locked, reported);
  const stateChanged = !isDeepStrictEqual(current, state);
  if (stateChanged)
    await startInterval(client, userId, state, await isKnownCall(client, userId, current, locked, state));
  // The line's down time counts from the first report of it down, while the agent is signed in to
  // the phone (offline is no alert); a report of it up, or of going offline, ends it.
  await client.query(
    `UPDATE agents SET state = $2, since = CASE WHEN $3 THEN clock_timestamp() ELSE since END, sip_registered = $4,
            reserved_call_id = CASE WHEN $5 THEN reserved_call_id END,
            reserved_until = CASE WHEN $5 THEN reserved_until END,
            line_down_since = CASE WHEN $4 OR $2::jsonb ->> 'state' = 'offline' THEN NULL
                                   ELSE coalesce(line_down_since, now()) END,
            updated_at = now()
      WHERE user_id = $1`,
    [userId, JSON.stringify(state), stateChanged, sipRegistered, keepReservation],
  );
  const changed = stateChanged || locked.sip_registered !== sipRegistered;
  if (changed) await notifyAgentChanged(client, userId);
  return changed;
}

/** A workstation's live socket now holds the agent. */
export async function markConnected(
  db: Queryable,
  userId: string,
  connectionId: string,
  deviceId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO agents (user_id, connected, connection_id, device_id, connection_seen_at)
     VALUES ($1, true, $2, $3, now())
     ON CONFLICT (user_id) DO UPDATE
       SET connected = true, connection_id = $2, device_id = $3, connection_seen_at = now(),
           disconnected_at = NULL, updated_at = now()`,
    [userId, connectionId, deviceId],
  );
  await notifyAgentChanged(db, userId);
}

/** The socket closed: routing skips the agent at once; the sweep takes it offline after the grace. */
export async function markDisconnected(db: Queryable, userId: string, connectionId: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE agents SET connected = false, disconnected_at = now(), updated_at = now()
      WHERE user_id = $1 AND connection_id = $2 AND connected`,
    [userId, connectionId],
  );
  if (rowCount) await notifyAgentChanged(db, userId);
}

/** The instance's heartbeat: its sockets are alive. */
export async function touchConnections(db: Queryable, connectionIds: string[]): Promise<void> {
  if (connectionIds.length === 0) return;
  await db.query(
    `UPDATE agents SET connection_seen_at = now() WHERE connected AND connection_id = ANY($1::uuid[])`,
    [connectionIds],
  );
}

/**
 * Run by every instance now and then; each statement is safe to run concurrently (row locks make a
 * second instance see the first one's result). Returns the agents it changed.
 * - disconnected (or held by an instance that stopped refreshing) for longer than the grace: offline;
 * - a reservation the workstation never confirmed and that has lapsed: available again.
 */
export async function sweepAgents(
  client: PoolClient,
  graceSeconds: number,
  staleSeconds: number,
): Promise<string[]> {
  const offline = await client.query<{ user_id: string }>(
    `UPDATE agents SET state = '{"state": "offline"}'::jsonb, since = now(), connected = false,
            reserved_call_id = NULL, reserved_until = NULL, line_down_since = NULL, updated_at = now()
      WHERE state ->> 'state' <> 'offline'
        AND (NOT connected OR connection_seen_at <= now() - make_interval(secs => $2))
        AND coalesce(disconnected_at, connection_seen_at, since) <= now() - make_interval(secs => $1)
      RETURNING user_id`,
    [graceSeconds, staleSeconds],
  );
  const lapsed = await client.query<{ user_id: string }>(
    `UPDATE agents SET state = '{"state": "available"}'::jsonb, since = now(),
            reserved_call_id = NULL, reserved_until = NULL, updated_at = now()
      WHERE state ->> 'state' = 'ringing' AND reserved_until <= now()
      RETURNING user_id`,
  );
  for (const { user_id } of offline.rows) await startInterval(client, user_id, { state: 'offline' });
  for (const { user_id } of lapsed.rows) await startInterval(client, user_id, { state: 'available' });
  const changed = [...offline.rows, ...lapsed.rows].map((row) => row.user_id);
  for (const userId of changed) await notifyAgentChanged(client, userId);
  return changed;
}
