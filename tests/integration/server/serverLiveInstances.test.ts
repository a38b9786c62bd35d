// Two server instances on one database, each with its own pool, listener and sockets: what happens
// on one reaches live sockets on the other through PostgreSQL LISTEN/NOTIFY.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLiveSettings } from '../../../src/server/config';
import { createPool, type Pool } from '../../../src/server/db/pool';
import type { Role } from '../../../src/shared/sync/auth';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';
import { openLive, type LiveClient } from './serverLiveSupport';

const PBX_TOKEN = 'e'.repeat(64);
const live = { ...defaultLiveSettings, heartbeatMs: 500, sweepMs: 200, syncDebounceMs: 50 };

let db: ServerDatabase;
let poolB: Pool;
let a: FastifyInstance;
let b: FastifyInstance;
let urlA: string;
let urlB: string;
const sockets: LiveClient[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  poolB = createPool(db.url, 10);
  a = await testServer(db.pool, { live, pbxToken: PBX_TOKEN });
  b = await testServer(poolB, { live, pbxToken: PBX_TOKEN });
  urlA = await a.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
  await a?.close();
  await b?.close();
  await poolB?.end();
  await db?.stop();
});

async function signedIn(app: FastifyInstance, url: string, role: Role) {
  const pair = await login(app, role);
  const client = await openLive(url);
  sockets.push(client);
  client.send({ type: 'hello', token: pair.accessToken, deviceId: `device-${role}` });
  await client.next('welcome');
  return { client, pair };
}

describe('live fan-out between two instances', () => {
  it('delivers an agent change made on instance A to a team lead subscribed on instance B', async () => {
    const { client: lead } = await signedIn(b, urlB, 'team_lead');
    lead.send({ type: 'agents.subscribe' });
    await lead.next('agents');
    const { client: operator, pair } = await signedIn(a, urlA, 'operator');
    operator.send({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true });
    await operator.next('agent.ack');
    const changed = await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && m.agent.state.state === 'available',
    );
    expect(changed.agent).toMatchObject({ connected: true, sipRegistered: true });

    // A call routed through instance B reserves the agent connected to A; the lead sees it ringing.
    const route = await b.inject({
      method: 'GET',
      url: '/api/v1/pbx/route?to=1551&from=x&callId=across',
      headers: bearer(PBX_TOKEN),
    });
    expect(route.body).toBe(pair.user.username);
    await lead.next(
      'agent.changed',
      (m) => m.agent.userId === pair.user.id && m.agent.state.state === 'ringing',
    );
  });

  it('tells sockets on both instances to pull after a change is pushed through one of them', async () => {
    const { client: onA } = await signedIn(a, urlA, 'analyst');
    const { client: onB } = await signedIn(b, urlB, 'feedback');
    await db.pool.query(`INSERT INTO change_log (entity_type, entity_id) VALUES ('appeal', 'fan-out')`);
    await onA.next('sync.changed');
    await onB.next('sync.changed');
  });
});
