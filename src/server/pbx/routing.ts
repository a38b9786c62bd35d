// Which operator takes the next hotline call. Longest idle first among agents that are available,
// registered with the PBX and connected; the chosen agent is reserved (ringing that call) in the same
// transaction, and SKIP LOCKED makes concurrent calls pass over an agent another call is taking,
// so two calls never get the same agent.
//
// The PBX may ask again for the same call: after its HTTP query timed out (the answer is the agent
// already reserved, so a retry never holds a second one) or to hunt for the next operator when the
// chosen one did not take the call (`tried`: those are released and skipped).
import { agentCallId } from '../../shared/softphone/agent';
import { AGENT_ROLES } from '../agents/snapshots';
import { notifyAgentChanged, startInterval } from '../agents/stateStore';
import { withTransaction, type Pool, type PoolClient } from '../db/pool';

export interface RouteOptions {
  reservationSeconds: number;
  /** Connections not refreshed within this are from an instance that stopped (see STALE_HEARTBEATS). */
  staleSeconds: number;
  /** Usernames this call was already offered to. */
  tried?: readonly string[];
}

/** The username of the reserved agent, or null when nobody can take the call. */
export async function reserveAgent(
  pool: Pool,
  callId: string,
  options: RouteOptions,
): Promise<string | null> {
  const key = agentCallId(callId);
  const tried = options.tried ?? [];
  return withTransaction(pool, async (client) => {
    if (tried.length > 0) await releaseTried(client, key, tried);
    const held = await client.query<{ username: string }>(
      `SELECT u.username FROM agents a JOIN users u ON u.id = a.user_id
        WHERE a.reserved_call_id = $1 AND a.reserved_until > now() AND NOT (u.username = ANY($2))
        LIMIT 1`,
      [key, tried],
    );
    if (held.rows[0]) return held.rows[0].username;

    const { rows } = await client.query<{ user_id: string; username: string }>(
      `SELECT a.user_id, u.username
         FROM agents a JOIN users u ON u.id = a.user_id
        WHERE NOT u.disabled AND u.role = ANY($1) AND NOT (u.username = ANY($3))
          AND a.connected AND a.sip_registered
          AND a.connection_seen_at > now() - make_interval(secs => $2)
          AND (a.state ->> 'state' = 'available'
               OR (a.state ->> 'state' = 'ringing' AND a.reserved_until <= now()))
        ORDER BY a.since, a.user_id
        LIMIT 1
        FOR UPDATE OF a SKIP LOCKED`,
      [AGENT_ROLES, options.staleSeconds, tried],
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

/**
 * Agents still ringing this call that the PBX has taken it from go back to available, at the end
 * of the idle order (since = now): one that just let a call ring out is offered the next call last.
 * Their workstation's own report of the missed call follows and agrees.
 */
async function releaseTried(client: PoolClient, key: string, tried: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ user_id: string }>(
    `UPDATE agents a SET state = '{"state":"available"}', since = now(), reserved_call_id = NULL,
            reserved_until = NULL, updated_at = now()
       FROM users u
      WHERE u.id = a.user_id AND u.username = ANY($2)
        AND a.state ->> 'state' = 'ringing' AND a.state ->> 'callId' = $1
      RETURNING a.user_id`,
    [key, tried],
  );
  for (const { user_id } of rows) {
    await startInterval(client, user_id, { state: 'available' });
    await notifyAgentChanged(client, user_id);
  }
}
