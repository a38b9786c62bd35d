// The queue on the live channel and over REST (real embedded PostgreSQL, a listening server, real
// WebSocket clients): queue.subscribe only for leads and admins (others are told, not cut off), the
// `queue` message now and at changes at most every 200 ms with the latest state, a lead's override
// delivered as agent.set to that agent's sockets only, and GET /api/v1/queue/now.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueueSnapshot } from '../../../src/shared/queue/queue';
import type { Role } from '../../../src/shared/sync/auth';
import { bearer, login, startServerDatabase, type ServerDatabase } from '../server/serverHarness';
import { openLive, type LiveClient } from '../server/serverLiveSupport';
import { FakePbx, queueServer, report, seedAgents } from './queueHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let url: string;
let pbx: FakePbx;
const sockets: LiveClient[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  ({ app, url } = await queueServer(db.pool));
  pbx = new FakePbx([app]);
  await pbx.start();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
  await pbx?.stop();
  await app?.close();
  await db?.stop();
});
beforeEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close().catch(() => undefined)));
  await db.pool.query('DELETE FROM queue_calls');
});

async function signedIn(role: Role) {
  const pair = await login(app, role);
  const client = await openLive(url);
  sockets.push(client);
  client.send({ type: 'hello', token: pair.accessToken, deviceId: `device-${role}` });
  await client.next('welcome');
  return { client, pair };
}

describe('queue.subscribe', () => {
  it('sends the queue to a team lead and an admin, and tells an operator no without closing', async () => {
    const { client: lead } = await signedIn('team_lead');
    lead.send({ type: 'queue.subscribe' });
    const first = await lead.next('queue');
    expect(first.queue.waiting).toEqual([]);
    expect(Date.parse(first.queue.asOf)).toBeGreaterThan(Date.now() - 60_000);

    const { client: admin } = await signedIn('admin');
    admin.send({ type: 'queue.subscribe' });
    await admin.next('queue');

    for (const role of ['operator', 'analyst'] as const) {
      const { client } = await signedIn(role);
      client.send({ type: 'queue.subscribe' });
      expect(await client.next('error')).toMatchObject({ code: 'forbidden' });
      client.send({ type: 'ping' });
      await client.next('pong');
      expect(client.messages.some((m) => m.type === 'queue')).toBe(false);
    }
  });

  it('sends changes at most every 200 ms, always ending with the latest state', async () => {
    await seedAgents(db.pool, ['operator1'], 'on_call');
    const { client: lead } = await signedIn('team_lead');
    lead.send({ type: 'queue.subscribe' });
    await lead.next('queue');
    const start = lead.messages.length;
    const began = performance.now();
    const arrivals: number[] = [];
    lead.socket.on('message', (data) => {
      if (String(data).includes('"type":"queue"')) arrivals.push(performance.now());
    });
    for (let i = 0; i < 30; i++) await pbx.call(`burst-${i}`, `+38044000${String(i).padStart(4, '0')}`);
    const burstMs = performance.now() - began;
    const last = await lead.next('queue', (m) => m.queue.waiting.length === 30, 3000);
    const sent = lead.messages.slice(start).filter((m) => m.type === 'queue');
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(burstMs / 200) + 2);
    // Gaps as the client saw them: a busy machine delivers two sends 200 ms apart closer together,
    // but never back to back as an unthrottled burst would.
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThan(60);
    // The latest state, read by the server: positions in order, masked numbers only.
    expect(last.queue.waiting.map((e) => e.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(last.queue.waiting[0]).toMatchObject({
      callerMasked: '•••0000',
      state: 'waiting',
      offeredTo: null,
    });
    expect(JSON.stringify(last)).not.toMatch(/38044000/);
    expect(last.queue.longestWaitingSince).toBe(last.queue.waiting[0]!.enteredAt);
    // Nothing new once the queue is quiet. On a busy machine the last inserts' notifications can
    // arrive after the snapshot that already shows them: one trailing send of the same state, no more.
    await new Promise((r) => setTimeout(r, 400));
    const after = lead.messages.filter((m) => m.type === 'queue');
    expect(after.length - after.indexOf(last)).toBeLessThanOrEqual(2);
    expect(after.at(-1)).toEqual(last);
  });
});

describe('agent.set', () => {
  it('goes to every socket of the agent named, on this instance, and to nobody else', async () => {
    const { client: operator, pair } = await signedIn('operator');
    const { client: lead, pair: leadPair } = await signedIn('team_lead');
    const override = {
      state: { state: 'break', reason: 'meeting' },
      reason: 'Team meeting',
      by: leadPair.user.id,
      at: new Date().toISOString(),
    };
    // A malformed notification is dropped without harm.
    await db.pool.query(`SELECT pg_notify('agent_override', '{"userId": 1}')`);
    await db.pool.query(`SELECT pg_notify('agent_override', $1)`, [
      JSON.stringify({ userId: pair.user.id, override }),
    ]);
    expect((await operator.next('agent.set')).override).toEqual(override);
    lead.send({ type: 'ping' });
    await lead.next('pong');
    operator.send({ type: 'ping' });
    await operator.next('pong');
    expect(lead.messages.some((m) => m.type === 'agent.set')).toBe(false);
    expect(operator.messages.filter((m) => m.type === 'agent.set')).toHaveLength(1);
  });
});

describe('GET /api/v1/queue/now', () => {
  it('answers the queue in order with today’s figures for leads, admins and analysts', async () => {
    const ids = await seedAgents(db.pool, ['operator1'], 'available');
    const [lead, operator] = [await login(app, 'team_lead'), await login(app, 'operator')];
    await pbx.call('now-1', '+380441110001');
    await pbx.call('now-2', '+380441110002');
    await pbx.call('now-3', '+380441110003');
    await pbx.event('abandoned', 'now-3');
    const res = await app.inject({ method: 'GET', url: '/api/v1/queue/now', headers: bearer(lead) });
    expect(res.statusCode).toBe(200);
    const snapshot = QueueSnapshot.parse(res.json());
    expect(snapshot.waiting.map((e) => [e.position, e.state, e.offeredTo, e.callerMasked])).toEqual([
      [1, 'offered', 'operator1', '•••0001'],
      [2, 'waiting', null, '•••0002'],
    ]);
    expect(snapshot.today).toMatchObject({ offered: 3, answered: 0, abandoned: 1, timedOut: 0 });
    expect(snapshot.today.serviceLevel).toBe(0);
    await report(db.pool, ids.get('operator1')!, { state: 'ringing', callId: 'now-1' });
    await pbx.event('answered', 'now-1', 'operator1');
    const after = QueueSnapshot.parse(
      (await app.inject({ method: 'GET', url: '/api/v1/queue/now', headers: bearer(lead) })).json(),
    );
    expect(after.today).toMatchObject({ offered: 3, answered: 1, abandoned: 1, serviceLevel: 0.5 });
    expect(after.today.asaSeconds).toBeGreaterThanOrEqual(0);
    expect(after.waiting.map((e) => e.position)).toEqual([1]);
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/v1/queue/now',
      headers: bearer(operator),
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
