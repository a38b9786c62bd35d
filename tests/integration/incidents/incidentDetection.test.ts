// The detector against the real server and PostgreSQL: appeals registered through sync at one
// building in one category group become an incident within a minute of the one that completes the
// cluster; fewer do not; a duplicate delivery changes nothing; an appeal is in one incident only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanOnce } from '../../../src/server/incidents/detector';
import { INCIDENT_PATHS } from '../../../src/shared/incidents';
import { pushOne, registration } from '../server/serverLifecycleSupport';
import { openLive } from '../server/serverLiveSupport';
import { login } from '../server/serverHarness';
import { startServerDatabase, testServer, type ServerDatabase } from '../server/serverHarness';
import {
  act,
  address,
  CONSTRUCTION,
  detail,
  detectorIdle,
  LIFTS,
  near,
  openDesk,
  registerAt,
  RULES,
  tokenOf,
  type Desk,
} from './incidentHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let desk: Desk;
let operator: string;
let url: string;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { incidents: RULES });
  desk = await openDesk(app, 'operator1');
  operator = await tokenOf(app, 'operator');
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

describe('incident detection', () => {
  it('forms an incident within a minute of the appeal that completes the cluster', async () => {
    const at = address('вул. Ліфтова', '1');
    await registerAt(app, desk, at);
    await registerAt(app, desk, at);
    await detectorIdle(db.pool);
    expect(await near(app, operator, at)).toEqual([]);
    const completing = Date.now();
    const third = await registerAt(app, desk, at);
    let found = await near(app, operator, at);
    while (found.length === 0 && Date.now() - completing < 60_000) {
      await new Promise((r) => setTimeout(r, 50));
      found = await near(app, operator, at);
    }
    const seconds = (Date.now() - completing) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(found).toHaveLength(1);
    const incident = found[0]!;
    expect(incident).toMatchObject({
      state: 'forming',
      categoryGroupId: LIFTS.group,
      appealCount: 3,
      version: 1,
    });
    expect(incident.place.line).toBe('Київ, вул. Ліфтова 1');
    expect(incident.script).toContain('вул. Ліфтова 1');
    expect((await detail(app, operator, incident.id)).appeals.map((a) => a.appealId)).toContain(third);
    // "вул. Ліфтова, 1" typed differently is the same building (the shared building key).
    expect(await near(app, operator, { ...at, street: 'Ліфтова' })).toHaveLength(1);
  });

  it('does not form one below the threshold, across groups, outside the window or without a building', async () => {
    const at = address('вул. Порогова', '2');
    await registerAt(app, desk, at);
    await registerAt(app, desk, at, CONSTRUCTION);
    // Three hours earlier: outside the 120-minute window of the others.
    await registerAt(app, desk, at, LIFTS, new Date(Date.now() - 3 * 3600_000).toISOString());
    await registerAt(app, desk, address('вул. Порогова', '3'));
    await detectorIdle(db.pool);
    expect(await near(app, operator, at)).toEqual([]);
    const { rows } = await db.pool.query(`SELECT 1 FROM incidents WHERE place_key LIKE '%порогова%'`);
    expect(rows).toEqual([]);
  });

  it('lets a later appeal at the place join the open incident, once, however often it is delivered', async () => {
    const at = address('вул. Повторна', '4');
    for (let i = 0; i < 3; i++) await registerAt(app, desk, at);
    await detectorIdle(db.pool);
    const [incident] = await near(app, operator, at);
    expect(incident?.appealCount).toBe(3);

    const fourth = registration(desk, {
      categoryId: LIFTS.id,
      executorId: LIFTS.executorId,
      applicant: { fullName: 'Тест', phones: ['+380671234567'], address: at, email: '', iin: '' },
    });
    expect((await pushOne(app, desk, fourth)).status).toBe('applied');
    // The same mutation again, and the same appeal under a new mutation id: duplicates.
    expect((await pushOne(app, desk, fourth)).status).toBe('duplicate');
    expect(
      (await pushOne(app, desk, { ...fourth, mutationId: crypto.randomUUID(), seq: ++desk.seq })).status,
    ).toBe('duplicate');
    await detectorIdle(db.pool);
    const grown = await detail(app, operator, incident!.id);
    expect(grown.appealCount).toBe(4);
    expect(grown.appeals.filter((a) => a.appealId === fourth.entityId)).toHaveLength(1);
    // The version is the leads': growth does not make a lead's view stale.
    expect(grown.version).toBe(1);
  });

  it('never puts an appeal in two incidents, even when two scans race over one place', async () => {
    const at = address('вул. Гоночна', '5');
    // Queued without the server's scan seeing them first: the rows are written, then queued at once.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await registerAt(app, desk, at));
    await detectorIdle(db.pool);
    // Queue them all again, as if a second instance had been told of them too, and race two scans.
    await db.pool.query('INSERT INTO incident_pending (appeal_id) SELECT unnest($1::uuid[])', [ids]);
    const rules = { minAppeals: 3, windowMinutes: 120, radiusMeters: 150 };
    await Promise.all([scanOnce(db.pool, rules, 1), scanOnce(db.pool, rules, 1), scanOnce(db.pool, rules)]);
    await detectorIdle(db.pool);
    const { rows } = await db.pool.query<{ n: string; incidents: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT incident_id)::text AS incidents FROM incident_appeals
        WHERE appeal_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows[0]).toEqual({ n: '4', incidents: '1' });
    expect(await near(app, operator, at)).toHaveLength(1);
  });

  it('forms one incident when concurrent pushes complete the cluster together', async () => {
    const at = address('вул. Одночасна', '6');
    const desks = await Promise.all([
      openDesk(app, 'operator1'),
      openDesk(app, 'operator2'),
      openDesk(app, 'operator3'),
    ]);
    await Promise.all(desks.map((d) => registerAt(app, d, at)));
    await Promise.all(desks.map((d) => registerAt(app, d, at)));
    await detectorIdle(db.pool);
    const found = await near(app, operator, at);
    expect(found).toHaveLength(1);
    expect(found[0]!.appealCount).toBe(6);
  });

  it('announces a detected incident and a lead’s confirmation on the live channel, not to executors', async () => {
    const signedIn = async (role: 'operator' | 'executor') => {
      const pair = await login(app, role);
      const client = await openLive(url);
      client.send({ type: 'hello', token: pair.accessToken, deviceId: `live-${role}` });
      await client.next('welcome');
      return client;
    };
    const watcher = await signedIn('operator');
    const executor = await signedIn('executor');
    try {
      const at = address('вул. Жива', '8');
      for (let i = 0; i < 3; i++) await registerAt(app, desk, at);
      const detected = await watcher.next(
        'incident.changed',
        (m) => m.change === 'detected' && m.incident.place.key.includes('жива'),
        10_000,
      );
      expect(detected.incident.appealCount).toBe(3);
      const lead = await tokenOf(app, 'team_lead');
      const confirmed = await act(app, lead, INCIDENT_PATHS.confirm, detected.incident.id, {
        baseVersion: 1,
      });
      expect(confirmed.statusCode).toBe(200);
      const change = await watcher.next('incident.changed', (m) => m.change === 'confirmed', 10_000);
      expect(change.incident).toMatchObject({ id: detected.incident.id, state: 'confirmed' });
      expect(executor.messages.filter((m) => m.type === 'incident.changed')).toEqual([]);
    } finally {
      await watcher.close();
      await executor.close();
    }
  });
});
