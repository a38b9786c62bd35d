// A team lead (or admin) sets an agent's state (issue 13, `POST /api/v1/agents/:userId/state`):
// ends a forgotten break or wrap-up, sends someone on a break, signs a left-behind desk out. Never
// an agent who is ringing or on a call: that would break a citizen's call in progress. One
// transaction writes the state, its history interval (a break's reason as the history's reason),
// the audit row (who, the agent, from and to, and the lead's reason: never the citizen's data), and
// both notifications: agent_changed for every board, agent_override for the agent's workstation.
import { AgentState, type AgentSnapshot } from '../../shared/softphone/agent';
import type { AgentOverride, AgentOverrideInput } from '../../shared/queue/floor';
import type { SessionUser } from '../../shared/sync/auth';
import { audit } from '../audit';
import { withTransaction, type Pool } from '../db/pool';
import { HttpError, notFound } from '../errors';
import { agentSnapshot, AGENT_ROLES } from './snapshots';
import { AGENT_OVERRIDE_CHANNEL, notifyAgentChanged, startInterval } from './stateStore';

export async function overrideAgentState(
  pool: Pool,
  lead: SessionUser,
  userId: string,
  input: AgentOverrideInput,
  staleSeconds: number,
): Promise<AgentSnapshot> {
  return withTransaction(pool, async (client) => {
    const { rows: users } = await client.query<{ role: string; disabled: boolean }>(
      'SELECT role, disabled FROM users WHERE id = $1',
      [userId],
    );
    const user = users[0];
    if (!user || user.disabled || !(AGENT_ROLES as readonly string[]).includes(user.role))
      throw notFound('No agent with this id: only enabled operators and team leads have a state');
    await client.query('INSERT INTO agents (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
    const { rows: locked } = await client.query<{ state: unknown }>(
      'SELECT state FROM agents WHERE user_id = $1 FOR UPDATE',
      [userId],
    );
    const current = AgentState.catch({ state: 'offline' }).parse(locked[0]!.state);
    if (current.state === 'ringing' || current.state === 'on_call')
      throw new HttpError(
        409,
        'call_in_progress',
        `The agent is ${current.state === 'ringing' ? 'being offered a call' : 'on a call'}: a call in progress is never broken; set the state once it ends`,
      );
    const state: AgentState = input.state;
    const { rows: now } = await client.query<{ at: Date }>(
      `UPDATE agents SET state = $2, since = now(), reserved_call_id = NULL, reserved_until = NULL,
              line_down_since = CASE WHEN $2::jsonb ->> 'state' = 'offline' THEN NULL ELSE line_down_since END,
              updated_at = now()
        WHERE user_id = $1 RETURNING now() AS at`,
      [userId, JSON.stringify(state)],
    );
    await startInterval(client, userId, state);
    await audit(client, {
      userId: lead.id,
      action: 'agent.state_override',
      details: {
        agentId: userId,
        from: current.state,
        to: state.state,
        ...(state.state === 'break' ? { breakReason: state.reason } : {}),
        reason: input.reason,
      },
    });
    const override: AgentOverride = {
      state,
      reason: input.reason,
      by: lead.name,
      at: now[0]!.at.toISOString(),
    };
    await notifyAgentChanged(client, userId);
    await client.query('SELECT pg_notify($1, $2)', [
      AGENT_OVERRIDE_CHANNEL,
      JSON.stringify({ userId, override }),
    ]);
    return (await agentSnapshot(client, userId, staleSeconds))!;
  });
}
