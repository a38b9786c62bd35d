// The floor's agent data and the team lead's override, against a listening server and a real
// PostgreSQL: snapshot extras (role, sign-in time, the call with a masked number, the line's down
// time) as workstations report over the live socket, and POST /api/v1/agents/:userId/state (roles,
// a call in progress never broken, non-agents, history, audit and the agent_override notification).
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultLiveSettings } from '../../../src/server/config';
import { AgentOverride } from '../../../src/shared/queue/floor';
import { AgentSnapshot, type AgentState } from '../../../src/shared/softphone/agent';
import type { Role, TokenPair } from '../../../src/shared/sync/auth';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from '../server/serverHarness';
import { openLive, type LiveClient } from '../server/serverLiveSupport';

const live = { ...defaultLiveSettings, heartbeatMs: 250, offlineGraceMs: 600, sweepMs: 100 };

let db: ServerDatabase;
let app: FastifyInstance;
let url: string;
let lead: TokenPair;
const open: LiveClient[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { live });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  lead = await login(app, 'team_lead');
});
afterAll(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  await app?.close();
  await db?.stop();
});
beforeEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  for (const table of ['agent_state_history', 'agents', 'calls', 'queue_calls'])
    await db.pool.query(`DELETE FROM ${table}`);
});

/** An agent's workstation on the live socket. */
async function workstation(role: Role = 'operator') {
  const pair = await login(app, role);
  const client = await openLive(url);
  open.push(client);
  client.send({ type: 'hello', token: pair.accessToken, deviceId: 'device-1' });
  await client.next('welcome');
  const report = async (state: AgentState, sipRegistered = true) => {
    client.send({ type: 'agent.state', state, sipRegistered });
    return (await client.next('agent.ack')).agent;
  };
  return { pair, client, report, userId: pair.user.id };
}

async function snapshotOf(userId: string): Promise<AgentSnapshot> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(lead) });
  expect(res.statusCode).toBe(200);
  return AgentSnapshot.parse(
    res.json<{ agents: unknown[] }>().agents.find((a) => (a as AgentSnapshot).userId === userId),
  );
}

const override = (userId: string, body: object, who: TokenPair = lead) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/agents/${userId}/state`,
    headers: bearer(who),
    payload: body,
  });

describe('snapshot extras', () => {
  it('names the role and the sign-in time: the end of the last offline interval', async () => {
    const ws = await workstation();
    const first = await ws.report({ state: 'available' });
    expect(first.role).toBe('operator');
    const { rows } = await db.pool.query<{ started_at: Date }>(
      `SELECT started_at FROM agent_state_history WHERE user_id = $1 AND ended_at IS NULL`,
      [ws.userId],
    );
    // No offline interval yet: the shift began with the first interval.
    expect(first.signedInAt).toBe(rows[0]!.started_at.toISOString());
    await ws.report({ state: 'break', reason: 'lunch' });
    await ws.report({ state: 'offline' });
    expect((await snapshotOf(ws.userId)).signedInAt).toBeNull();
    const back = await ws.report({ state: 'available' });
    const { rows: offline } = await db.pool.query<{ ended_at: Date }>(
      `SELECT ended_at FROM agent_state_history WHERE user_id = $1 AND state = 'offline'`,
      [ws.userId],
    );
    expect(back.signedInAt).toBe(offline[0]!.ended_at.toISOString());
    await ws.report({ state: 'break', reason: 'personal' });
    expect((await snapshotOf(ws.userId)).signedInAt).toBe(back.signedInAt);
    const leadDesk = await workstation('team_lead');
    expect((await leadDesk.report({ state: 'available' })).role).toBe('team_lead');
  });

  it('shows the call from the workstation’s record with the number masked', async () => {
    const ws = await workstation();
    await ws.report({ state: 'available' });
    const sipCallId = `${randomUUID()}@pbx.test`;
    const ringAt = '2026-03-10T09:00:00.000Z';
    await db.pool.query(
      `INSERT INTO calls (id, device_id, operator_id, sip_call_id, direction, ring_at, answered_at, version, record)
       VALUES ($1, $2, $3, $4, 'inbound', $5, NULL, 1, $6)`,
      [
        randomUUID(),
        randomUUID(),
        ws.userId,
        sipCallId,
        ringAt,
        JSON.stringify({ remoteNumber: '+380 (67) 123-45-67', localNumber: '1551' }),
      ],
    );
    const ringing = await ws.report({ state: 'ringing', callId: sipCallId });
    expect(ringing.call).toEqual({
      direction: 'inbound',
      startedAt: ringAt,
      answeredAt: null,
      otherPartyMasked: '•••4567',
    });
    expect(JSON.stringify(ringing)).not.toContain('123-45');
    await db.pool.query(
      `UPDATE calls SET answered_at = '2026-03-10T09:00:07Z', version = 2 WHERE sip_call_id = $1`,
      [sipCallId],
    );
    const talking = await ws.report({ state: 'on_call', callId: sipCallId });
    expect(talking.call).toMatchObject({
      answeredAt: '2026-03-10T09:00:07.000Z',
      otherPartyMasked: '•••4567',
    });
    const done = await ws.report({ state: 'available' });
    expect(done.call).toBeNull();
  });

  it('shows a hotline call the queue routed before the workstation recorded it', async () => {
    const ws = await workstation();
    await ws.report({ state: 'available' });
    const callId = randomUUID();
    await db.pool.query(
      `INSERT INTO queue_calls (sip_call_id, queue, caller_masked, entered_at, state, operator_id, offered_at, pbx_boot)
       VALUES ($1, '1551', '•••0099', now() - interval '30 seconds', 'offered', $2, now() - interval '2 seconds', 'boot-1')`,
      [callId, ws.userId],
    );
    // The queue's reservation, as the dispatcher writes it.
    await db.pool.query(
      `UPDATE agents SET state = jsonb_build_object('state', 'ringing', 'callId', $2::text), since = now(),
              reserved_call_id = $2, reserved_until = now() + interval '20 seconds' WHERE user_id = $1`,
      [ws.userId, callId],
    );
    const { rows } = await db.pool.query<{ offered_at: Date }>(
      'SELECT offered_at FROM queue_calls WHERE sip_call_id = $1',
      [callId],
    );
    expect((await snapshotOf(ws.userId)).call).toEqual({
      direction: 'inbound',
      startedAt: rows[0]!.offered_at.toISOString(),
      answeredAt: null,
      otherPartyMasked: '•••0099',
    });
  });

  it('keeps when the line went down while connected, until it is up again', async () => {
    const ws = await workstation();
    const up = await ws.report({ state: 'available' }, true);
    expect(up.lineDownSince).toBeNull();
    const before = Date.now();
    const down = await ws.report({ state: 'available' }, false);
    expect(down.sipRegistered).toBe(false);
    expect(Date.parse(down.lineDownSince!)).toBeGreaterThanOrEqual(before - 1000);
    // Still down at the next report: the same moment, not the report's.
    const still = await ws.report({ state: 'break', reason: 'technical' }, false);
    expect(still.lineDownSince).toBe(down.lineDownSince);
    expect((await ws.report({ state: 'available' }, true)).lineDownSince).toBeNull();
    // Signed out of the phone is no line failure.
    expect((await ws.report({ state: 'offline' }, false)).lineDownSince).toBeNull();
  });

  it('reads 200 agents in one quick statement', async () => {
    const ws = await workstation();
    await ws.report({ state: 'available' });
    await db.pool.query(
      `INSERT INTO users (username, name, role, password_hash)
       SELECT 'floor-agent-' || i, 'Floor Agent ' || i, 'operator', 'x' FROM generate_series(1, 200) i
       ON CONFLICT (username) DO NOTHING`,
    );
    await db.pool.query(
      `INSERT INTO agents (user_id, state, since, connected, sip_registered, connection_seen_at)
       SELECT id, '{"state": "available"}', now(), true, true, now() FROM users WHERE username LIKE 'floor-agent-%'`,
    );
    await db.pool.query(
      `INSERT INTO agent_state_history (user_id, state, started_at, ended_at)
       SELECT id, 'offline', now() - interval '1 day', now() - interval '1 hour' FROM users WHERE username LIKE 'floor-agent-%'`,
    );
    await snapshotOf(ws.userId);
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(lead) });
    const elapsed = performance.now() - started;
    const agents = res.json<{ agents: AgentSnapshot[] }>().agents;
    expect(agents.length).toBeGreaterThanOrEqual(201);
    expect(agents.find((a) => a.username === 'floor-agent-7')!.signedInAt).not.toBeNull();
    expect(elapsed).toBeLessThan(500);
  });
});

describe('a team lead sets an agent’s state', () => {
  let listener: pg.Client;
  const notes: { channel: string; payload: string }[] = [];
  beforeAll(async () => {
    listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => notes.push({ channel: n.channel, payload: n.payload ?? '' }));
    await listener.query('LISTEN agent_override');
    await listener.query('LISTEN agent_changed');
  });
  afterAll(async () => {
    await listener?.end();
  });
  const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('not notified');
  };

  it('ends a forgotten break: state, history, audit, both notifications and the board', async () => {
    const ws = await workstation();
    await ws.report({ state: 'break', reason: 'lunch' });
    const board = await openLive(url);
    open.push(board);
    board.send({ type: 'hello', token: lead.accessToken, deviceId: 'lead-desk' });
    await board.next('welcome');
    board.send({ type: 'agents.subscribe' });
    await board.next('agents');
    notes.length = 0;

    const res = await override(ws.userId, { state: { state: 'available' }, reason: 'Lunch ended at 13:00' });
    expect(res.statusCode, res.body).toBe(200);
    const agent = AgentSnapshot.parse(res.json());
    expect(agent).toMatchObject({ userId: ws.userId, state: { state: 'available' } });

    const { rows: history } = await db.pool.query<{ state: string; reason: string | null; open: boolean }>(
      `SELECT state, reason, ended_at IS NULL AS open FROM agent_state_history WHERE user_id = $1 ORDER BY id`,
      [ws.userId],
    );
    expect(history.slice(-2)).toEqual([
      { state: 'break', reason: 'lunch', open: false },
      { state: 'available', reason: null, open: true },
    ]);

    const { rows: audit } = await db.pool.query<{ user_id: string; details: Record<string, unknown> }>(
      `SELECT user_id::text, details FROM audit_log WHERE action = 'agent.state_override' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]).toEqual({
      user_id: lead.user.id,
      details: { agentId: ws.userId, from: 'break', to: 'available', reason: 'Lunch ended at 13:00' },
    });

    const note = await waitFor(() => notes.find((n) => n.channel === 'agent_override'));
    const payload = JSON.parse(note.payload) as { userId: string; override: unknown };
    expect(payload.userId).toBe(ws.userId);
    expect(AgentOverride.parse(payload.override)).toMatchObject({
      state: { state: 'available' },
      reason: 'Lunch ended at 13:00',
      by: 'Demo Team Lead',
    });
    await waitFor(() => notes.find((n) => n.channel === 'agent_changed' && n.payload === ws.userId));
    await board.next(
      'agent.changed',
      (m) => m.agent.userId === ws.userId && m.agent.state.state === 'available',
    );
  });

  it('sends an agent on a break with the break reason in the history', async () => {
    const ws = await workstation();
    await ws.report({ state: 'available' });
    const admin = await login(app, 'admin');
    const res = await override(
      ws.userId,
      { state: { state: 'break', reason: 'training' }, reason: 'Course at 10' },
      admin,
    );
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await db.pool.query<{ state: string; reason: string | null }>(
      `SELECT state, reason FROM agent_state_history WHERE user_id = $1 AND ended_at IS NULL`,
      [ws.userId],
    );
    expect(rows).toEqual([{ state: 'break', reason: 'training' }]);
  });

  it('never breaks a call in progress (409), and changes nothing', async () => {
    const ws = await workstation();
    await ws.report({ state: 'on_call', callId: 'call-in-progress' });
    const before = await db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    for (const state of [{ state: 'available' }, { state: 'offline' }]) {
      const res = await override(ws.userId, { state, reason: 'Seems stuck' });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'call_in_progress',
      });
    }
    await ws.report({ state: 'ringing', callId: 'call-ringing' });
    expect((await override(ws.userId, { state: { state: 'offline' }, reason: 'x' })).statusCode).toBe(409);
    expect((await snapshotOf(ws.userId)).state).toEqual({ state: 'ringing', callId: 'call-ringing' });
    const after = await db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('answers 404 for users who are not agents, 400 for malformed input, 403 for an operator', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM users WHERE username = 'analyst'`,
    );
    const body = { state: { state: 'available' }, reason: 'x' };
    expect((await override(rows[0]!.id, body)).statusCode).toBe(404);
    expect((await override(randomUUID(), body)).statusCode).toBe(404);
    expect((await override('not-a-uuid', body)).statusCode).toBe(400);
    const ws = await workstation();
    for (const bad of [
      { state: { state: 'break' }, reason: 'x' },
      { state: { state: 'on_call', callId: 'c' }, reason: 'x' },
      { state: { state: 'available' }, reason: '   ' },
      { state: { state: 'available' } },
      { state: { state: 'available' }, reason: 'x', extra: 1 },
    ])
      expect((await override(ws.userId, bad)).statusCode).toBe(400);
    const operator = await login(app, 'operator');
    expect((await override(ws.userId, body, operator)).statusCode).toBe(403);
  });
});
