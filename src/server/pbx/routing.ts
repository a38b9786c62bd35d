// Which operator takes the next hotline call. Longest idle first among agents that are available,
// registered with the PBX and connected; the chosen agent is reserved (ringing that call) in the same
// transaction, and SKIP LOCKED makes concurrent calls pass over an agent another call is taking,
// so two calls never get the same agent.
import { AGENT_ROLES } from '../agents/snapshots';
import { notifyAgentChanged, startInterval } from '../agents/stateStore';
import { withTransaction, type Pool } from '../db/pool';

/** AgentState allows call ids up to 64 characters; the reservation keeps the same prefix. */
export const callKey = (callId: string) => callId.slice(0, 64);

export interface RouteOptions {
  reservationSeconds: number;
  /** Connections not refreshed within this are from an instance that stopped (see STALE_HEARTBEATS). */
  staleSeconds: number;
}

/** The username of the reserved agent, or null when nobody can take the call. */
export async function reserveAgent(
  pool: Pool,
  callId: string,
  options: RouteOptions,
): Promise<string | null> {
  const key = callKey(callId);
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ user_id: string; username: string }>(
      `SELECT a.user_id, u.username
         FROM agents a JOIN users u ON u.id = a.user_id
        WHERE NOT u.disabled AND u.role = ANY($1)
          AND a.connected AND a.sip_registered
          AND a.connection_seen_at > now() - make_interval(secs => $2)
          AND (a.state ->> 'state' = 'available'
               OR (a.state ->> 'state' = 'ringing' AND a.reserved_until <= now()))
        ORDER BY a.since, a.user_id
        LIMIT 1
        FOR UPDATE OF a SKIP LOCKED`,
      [AGENT_ROLES, options.staleSeconds],
    );
    const chosen = rows[0];
    if (!chosen) return null;
    const state = { state: 'ringing' as const, callId: key };
    await client.query(
      `UPDATE agents SET state = $2, since = now(), reserved_call_id = $3,
              reserved_until = now() + make_interval(secs => $4), updated_at = now()
        WHERE user_id = $1`,
      [chosen.user_id, JSON.stringify(state), key, options.reservationSeconds],
    );
    await startInterval(client, chosen.user_id, state);
    await notifyAgentChanged(client, chosen.user_id);
    return chosen.username;
  });
}
