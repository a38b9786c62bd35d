// Sync through the real server (buildServer): sign-in, role checks and the appeals API see what a
// push stored.
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { PullResponse, PushResponse, SYNC_PATHS } from '../../../src/shared/sync/protocol';
import { appealMutation } from '../support/testDatabase';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';

let db: ServerDatabase;
let first: FastifyInstance;
let second: FastifyInstance;

beforeAll(async () => {
  db = await startServerDatabase();
  [first, second] = await Promise.all([testServer(db.pool), testServer(db.pool)]);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await db?.stop();
});

describe('sync through the server', () => {
  it('pushes on one instance, pulls on another, and the appeals API shows the same official number', async () => {
    const deviceId = uuidv7();
    const operator = await login(first, 'operator', deviceId);
    const m = appealMutation(undefined, undefined, operator.user.id);
    const pushed = await first.inject({
      method: 'POST',
      url: SYNC_PATHS.push,
      headers: bearer(operator),
      payload: { deviceId, epoch: null, mutations: [m] },
    });
    expect(pushed.statusCode).toBe(200);
    const [result] = PushResponse.parse(pushed.json()).results;
    expect(result?.status).toBe('applied');
    const officialNumber = result?.status === 'applied' ? result.officialNumber : null;

    const pulled = await second.inject({
      method: 'POST',
      url: SYNC_PATHS.pull,
      headers: bearer(operator),
      payload: { deviceId, epoch: null, cursor: null },
    });
    const page = PullResponse.parse(pulled.json());
    expect(
      page.status === 'ok' && page.changes.map((c) => c.kind === 'appeal' && c.appeal.officialNumber),
    ).toEqual([officialNumber]);

    const read = await second.inject({
      method: 'GET',
      url: `/api/v1/appeals/${m.entityId}`,
      headers: bearer(operator),
    });
    expect(read.statusCode).toBe(200);
    expect(JSON.stringify(read.json())).toContain(officialNumber!);
  });

  it('refuses a push without a sign-in (401), and rejects a change the role may not make by itself, storing nothing of it', async () => {
    const body = { deviceId: uuidv7(), epoch: null, mutations: [appealMutation()] };
    const anonymous = await first.inject({ method: 'POST', url: SYNC_PATHS.push, payload: body });
    expect(anonymous.statusCode).toBe(401);
    const analyst = await login(first, 'analyst', body.deviceId);
    const m = appealMutation(undefined, 1, analyst.user.id);
    const refused = await first.inject({
      method: 'POST',
      url: SYNC_PATHS.push,
      headers: bearer(analyst),
      payload: { ...body, mutations: [m] },
    });
    expect(refused.statusCode).toBe(200);
    const [result] = PushResponse.parse(refused.json()).results;
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    const { rows } = await db.pool.query('SELECT 1 FROM appeals WHERE id = $1', [m.entityId]);
    expect(rows).toEqual([]);
  });

  it('refuses a push or pull under another device than the sign-in was made on (403), storing nothing', async () => {
    const mine = uuidv7();
    const theirs = uuidv7();
    const operator = await login(first, 'operator', mine);
    const m = appealMutation(undefined, 1, operator.user.id);
    for (const [url, payload] of [
      [SYNC_PATHS.push, { deviceId: theirs, epoch: null, mutations: [m] }],
      [SYNC_PATHS.pull, { deviceId: theirs, epoch: null, cursor: null }],
    ] as const) {
      const res = await first.inject({ method: 'POST', url, headers: bearer(operator), payload });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'device_mismatch' } });
    }
    const noDevice = await login(first, 'operator');
    const res = await first.inject({
      method: 'POST',
      url: SYNC_PATHS.push,
      headers: bearer(noDevice),
      payload: { deviceId: mine, epoch: null, mutations: [m] },
    });
    expect(res.statusCode).toBe(403);
    const { rows } = await db.pool.query('SELECT 1 FROM sync_ledger WHERE mutation_id = $1', [m.mutationId]);
    expect(rows).toEqual([]);
  });
});
