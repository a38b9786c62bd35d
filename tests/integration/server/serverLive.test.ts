// The live WebSocket on a listening server with a real embedded PostgreSQL: sign-in by hello, bad
// input, agent states and their history, team-lead subscriptions, disconnection and sync hints.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultLiveSettings } from '../../../src/server/config';
import { LIVE_CLOSE } from '../../../src/shared/softphone/live';
import type { Role, TokenPair } from '../../../src/shared/sync/auth';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';
import { openLive, type LiveClient } from './serverLiveSupport';

const PBX_TOKEN = 'd'.repeat(64);
const live = {
  ...defaultLiveSettings,
  helloTimeoutMs: 400,
  heartbeatMs: 250,
  offlineGraceMs: 600,
  sweepMs: 100,
  syncDebounceMs: 50,
  maxMessageBytes: 4096,
};

let db: ServerDatabase;
let app: FastifyInstance;
let url: string;
const open: LiveClient[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { live, pbxToken: PBX_TOKEN });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});
beforeEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  await db.pool.query('DELETE FROM agent_state_history');
  await db.pool.query('DELETE FROM agents');
});

async function connect(): Promise<LiveClient> {
  const client = await openLive(url);
  open.push(client);
  return client;
}

async function signedIn(role: Role): Promise<{ client: LiveClient; pair: TokenPair }> {
  const pair = await login(app, role);
  const client = await connect();
  client.send({ type: 'hello', token: pair.accessToken, deviceId: 'device-1' });
  await client.next('welcome');
  return { client, pair };
}

async function history(userId: string) {
  const { rows } = await db.pool.query<{ state: string; reason: string | null; open: boolean }>(
    `SELECT state, reason, ended_at IS NULL AS open FROM agent_state_history WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  return rows;
}

describe('signing in on the live socket', () => {
  it('welcomes a valid hello with the agent’s snapshot, marked connected', async () => {
    const pair = await login(app, 'operator');
    const client = await connect();
    client.send({ type: 'hello', token: pair.accessToken, deviceId: 'device-1' });
    const welcome = await client.next('welcome');
    expect(welcome.userId).toBe(pair.user.id);
    expect(welcome.agent).toMatchObject({
      userId: pair.user.id,
      state: { state: 'offline' },
      connected: true,
    });
    client.send({ type: 'ping' });
    await client.next('pong');
  });

  it('closes 4401 when the first message is not hello', async () => {
    const client = await connect();
    client.send({ type: 'ping' });
    expect((await client.next('error')).code).toBe('unauthenticated');
    expect((await client.closed()).code).toBe(LIVE_CLOSE.unauthenticated);
  });

  it('closes 4401 for a bad or ended token', async () => {
    const forged = await connect();
    forged.send({ type: 'hello', token: 'not.a-token', deviceId: 'd' });
    expect((await forged.closed()).code).toBe(LIVE_CLOSE.unauthenticated);

    const pair = await login(app, 'operator');
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(pair), payload: {} });
    const ended = await connect();
    ended.send({ type: 'hello', token: pair.accessToken, deviceId: 'd' });
    expect((await ended.closed()).code).toBe(LIVE_CLOSE.unauthenticated);
  });

  it('closes 4408 when no hello comes in time', async () => {
    const client = await connect();
    expect((await client.next('error')).code).toBe('hello_timeout');
    expect((await client.closed()).code).toBe(LIVE_CLOSE.helloTimeout);
  });

  it('closes 4400 on malformed messages and keeps serving', async () => {
    const bad: (string | Buffer)[] = [
      '{not json',
      JSON.stringify({ type: 'hello' }),
      JSON.stringify({ type: 'launch' }),
      JSON.stringify([1, 2]),
      'null',
      Buffer.from([0xff, 0x00]),
    ];
    for (const data of bad) {
      const client = await connect();
      client.sendRaw(data);
      expect((await client.next('error')).code).toBe('bad_message');
      expect((await client.closed()).code).toBe(LIVE_CLOSE.badMessage);
    }
    const { client } = await signedIn('operator');
    client.send({ type: 'agent.state', state: { state: 'break', reason: 'nap' }, sipRegistered: true });
    expect((await client.closed()).code).toBe(LIVE_CLOSE.badMessage);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('closes a socket that sends more than the size limit', async () => {
    const client = await connect();
    client.sendRaw(JSON.stringify({ type: 'hello', token: 'x'.repeat(5000), deviceId: 'd' }));
    expect((await client.closed()).code).toBe(1009);
  });

  it('closes the socket (4401) once its sign-in ends', async () => {
    const { client, pair } = await signedIn('operator');
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(pair), payload: {} });
    expect((await client.closed(3000)).code).toBe(LIVE_CLOSE.unauthenticated);
  });

  it('terminates a socket that stops answering pings and disconnects its agent', async () => {
    const pair = await login(app, 'operator');
    const hung = await openLive(url, { autoPong: false });
    open.push(hung);
    hung.send({ type: 'hello', token: pair.accessToken, deviceId: 'hung' });
    await hung.next('welcome');
    hung.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    await hung.next('agent.ack');
    // Terminated, not closed: no close frame, so the client sees 1006.
    expect((await hung.closed(4 * live.heartbeatMs + 1000)).code).toBe(1006);
    await expect
      .poll(
        async () =>
          (await db.pool.query('SELECT connected FROM agents WHERE user_id = $1', [pair.user.id])).rows,
      )
      .toEqual([{ connected: false }]);
  });

  it('answers 404 to an upgrade on another path', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});

describe('agent state', () => {
  it('applies reported states, acknowledges them and keeps one closed interval per state', async () => {
    const { client, pair } = await signedIn('operator');
    client.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    const ack = await client.next('agent.ack');
    expect(ack.agent).toMatchObject({ state: { state: 'available' }, sipRegistered: true, connected: true });
    client.send({ type: 'agent.state', state: { state: 'break', reason: 'lunch' }, sipRegistered: true });
    expect((await client.next('agent.ack')).agent.state).toEqual({ state: 'break', reason: 'lunch' });
    // The same state again is no new interval.
    client.send({ type: 'agent.state', state: { state: 'break', reason: 'lunch' }, sipRegistered: true });
    await client.next('agent.ack');
    client.send({ type: 'agent.state', state: { state: 'on_call', callId: 'c-1' }, sipRegistered: true });
    await client.next('agent.ack');
    const until = new Date(Date.now() + 30_000).toISOString();
    client.send({ type: 'agent.state', state: { state: 'wrap_up', until }, sipRegistered: true });
    await client.next('agent.ack');
    expect(await history(pair.user.id)).toEqual([
      { state: 'available', reason: null, open: false },
      { state: 'break', reason: 'lunch', open: false },
      { state: 'on_call', reason: null, open: false },
      { state: 'wrap_up', reason: null, open: true },
    ]);
    const gaps = await db.pool.query<{ gap: boolean }>(
      `SELECT ended_at <> lead(started_at) OVER (ORDER BY id) AS gap FROM agent_state_history WHERE user_id = $1`,
      [pair.user.id],
    );
    expect(gaps.rows.filter((r) => r.gap)).toEqual([]);
  });

  it('refuses states from roles that take no calls (4403)', async () => {
    const { client } = await signedIn('analyst');
    client.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: false });
    expect((await client.next('error')).code).toBe('forbidden');
    expect((await client.closed()).code).toBe(LIVE_CLOSE.forbidden);
  });

  it('excludes a disconnected agent from routing at once and takes it offline after the grace', async () => {
    const { client: lead } = await signedIn('team_lead');
    lead.send({ type: 'agents.subscribe' });
    await lead.next('agents');
    const { client, pair } = await signedIn('operator');
    client.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    await client.next('agent.ack');
    await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && m.agent.state.state === 'available',
    );

    await client.close();
    const route = await app.inject({
      method: 'GET',
      url: '/api/v1/pbx/route?to=1551&from=x&callId=after-close',
      headers: bearer(PBX_TOKEN),
    });
    expect(route.statusCode).toBe(486);
    const dropped = await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && !m.agent.connected,
    );
    expect(dropped.agent.state.state).toBe('available');
    const offline = await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && m.agent.state.state === 'offline',
      3000,
    );
    expect(offline.agent.connected).toBe(false);
    expect(await history(pair.user.id)).toEqual([
      { state: 'available', reason: null, open: false },
      { state: 'offline', reason: null, open: true },
    ]);
  });

  it('takes offline an agent whose instance stopped refreshing it, and frees a lapsed reservation', async () => {
    const { rows } = await db.pool.query<{ id: string; username: string }>(
      `SELECT id, username FROM users WHERE username IN ('operator2', 'operator3') ORDER BY username`,
    );
    const [crashed, reserved] = rows as [{ id: string }, { id: string; username: string }];
    // operator2 was held by an instance that died: connected, never refreshed since.
    await db.pool.query(
      `INSERT INTO agents (user_id, state, connected, sip_registered, connection_id, connection_seen_at)
       VALUES ($1, '{"state": "available"}', true, true, gen_random_uuid(), now() - interval '1 hour'),
              ($2, '{"state": "available"}', true, true, gen_random_uuid(), now() + interval '1 hour')`,
      [crashed.id, reserved.id],
    );
    const route = await app.inject({
      method: 'GET',
      url: '/api/v1/pbx/route?to=1551&from=x&callId=lapsing',
      headers: bearer(PBX_TOKEN),
    });
    expect(route.body).toBe(reserved.username);
    await db.pool.query(`UPDATE agents SET reserved_until = now() WHERE user_id = $1`, [reserved.id]);
    await expect
      .poll(async () => (await db.pool.query(`SELECT user_id, state FROM agents ORDER BY user_id`)).rows)
      .toEqual(
        [
          { user_id: crashed.id, state: { state: 'offline' } },
          { user_id: reserved.id, state: { state: 'available' } },
        ].sort((x, y) => x.user_id.localeCompare(y.user_id)),
      );
    expect(await history(reserved.id)).toEqual([
      { state: 'ringing', reason: null, open: false },
      { state: 'available', reason: null, open: true },
    ]);
  });

  it('keeps the state of an agent who reconnects within the grace', async () => {
    const { client, pair } = await signedIn('operator');
    client.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    await client.next('agent.ack');
    await client.close();
    const again = await connect();
    again.send({ type: 'hello', token: pair.accessToken, deviceId: 'device-1' });
    expect((await again.next('welcome')).agent).toMatchObject({
      state: { state: 'available' },
      connected: true,
    });
    await new Promise((resolve) => setTimeout(resolve, live.offlineGraceMs + 4 * live.sweepMs));
    const route = await app.inject({
      method: 'GET',
      url: '/api/v1/pbx/route?to=1551&from=x&callId=reconnected',
      headers: bearer(PBX_TOKEN),
    });
    expect(route.body).toBe(pair.user.username);
  });
});

describe('team-lead subscription and sync hints', () => {
  it('gives a team lead the snapshot, then changes; an operator may not subscribe', async () => {
    const { client: lead } = await signedIn('team_lead');
    lead.send({ type: 'agents.subscribe' });
    const snapshot = await lead.next('agents');
    expect(snapshot.agents.map((a) => a.username).sort()).toEqual([
      'lead',
      'operator1',
      'operator2',
      'operator3',
    ]);

    const { client: operator, pair } = await signedIn('operator');
    operator.send({
      type: 'agent.state',
      state: { state: 'break', reason: 'training' },
      sipRegistered: true,
    });
    const changed = await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && m.agent.state.state === 'break',
    );
    expect(changed.agent).toMatchObject({
      state: { state: 'break', reason: 'training' },
      sipRegistered: true,
    });

    operator.send({ type: 'agents.subscribe' });
    expect((await operator.next('error')).code).toBe('forbidden');
    expect((await operator.closed()).code).toBe(LIVE_CLOSE.forbidden);
  });

  it('lists the same snapshots over REST for team leads', async () => {
    const { client, pair } = await signedIn('operator');
    client.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    await client.next('agent.ack');
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: bearer(await login(app, 'team_lead')),
    });
    expect(res.statusCode).toBe(200);
    const mine = res.json().agents.find((a: { userId: string }) => a.userId === pair.user.id);
    expect(mine).toMatchObject({ state: { state: 'available' }, connected: true, sipRegistered: true });
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const report = await app.inject({
      method: 'GET',
      url: `/api/v1/agents/history?from=${from}&to=${to}&userId=${pair.user.id}`,
      headers: bearer(await login(app, 'analyst')),
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      truncated: false,
      intervals: [{ userId: pair.user.id, username: 'operator1', state: 'available', endedAt: null }],
    });
    const backwards = await app.inject({
      method: 'GET',
      url: `/api/v1/agents/history?from=${to}&to=${from}`,
      headers: bearer(await login(app, 'analyst')),
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('tells every signed-in socket to pull when change_log grows, once per burst', async () => {
    const { client: operator } = await signedIn('operator');
    const { client: analyst } = await signedIn('analyst');
    const before = operator.messages.filter((m) => m.type === 'sync.changed').length;
    for (let i = 0; i < 5; i++) {
      await db.pool.query(`INSERT INTO change_log (entity_type, entity_id) VALUES ('appeal', $1)`, [
        `burst-${i}`,
      ]);
    }
    await operator.next('sync.changed');
    await analyst.next('sync.changed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = operator.messages.filter((m) => m.type === 'sync.changed').length;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
  });

  it('keeps delivering after the listener’s database connection is cut', async () => {
    const { client } = await signedIn('operator');
    const { rows } = await db.pool.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    // The reconnect itself announces a catch-up; a change after it arrives as well.
    await client.next('sync.changed', undefined, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db.pool.query(`INSERT INTO change_log (entity_type, entity_id) VALUES ('appeal', 'after-cut')`);
    await client.next('sync.changed', undefined, 5000);
  });
});
