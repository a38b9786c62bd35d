// Regression tests for issue 9's findings against the whole server (real PostgreSQL, real sign-in):
// each case below answered 500, applied a change as someone else, or let a client decide what the
// server owns, before the fix. The fuzz tier (tests/fuzz) throws generated values at the same edges.
import type { FastifyInstance } from 'fastify';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loggableError } from '../../../src/server/errors';
import { JsonScanner, MAX_JSON_DEPTH } from '../../../src/server/jsonBody';
import { freePort, startEmbeddedPostgres } from '../../../src/server/embedded';
import { appealMutation, appealPayload } from '../support/testDatabase';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { LIVE_CLOSE, LIVE_PATH } from '../../../src/shared/softphone/live';
import type { TokenPair } from '../../../src/shared/sync/auth';
import { PushResponse, SYNC_PATHS, type Mutation } from '../../../src/shared/sync/protocol';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';
import { openLive } from './serverLiveSupport';

let db: ServerDatabase;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { pbxToken: 'p'.repeat(64) });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

interface Device {
  id: string;
  pair: TokenPair;
  seq: number;
}

async function device(role: 'operator' | 'analyst' = 'operator'): Promise<Device> {
  const id = uuidv7();
  return { id, pair: await login(app, role, id), seq: 0 };
}

/** The deepest nesting in JSON text as the body scanner counts it; Infinity once past `limit`. */
function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  const scanner = new JsonScanner(limit, Infinity);
  return scanner.feed(Buffer.from(text)) === 'too_deep' ? Infinity : scanner.deepest;
}

const byAuthor = (d: Device, payload = appealPayload()): Mutation =>
  appealMutation(payload, ++d.seq, d.pair.user.id);

async function push(d: Device, mutations: Mutation[]) {
  const res = await app.inject({
    method: 'POST',
    url: SYNC_PATHS.push,
    headers: bearer(d.pair),
    payload: { deviceId: d.id, epoch: null, mutations },
  });
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json()).results;
}

async function storedAppeal(id: string) {
  const { rows } = await db.pool.query<{
    operator_id: string;
    received_on: string;
    deadline_on: string;
    record: { deadlineOn: string; deadlineRule: string; priority: boolean };
  }>(`SELECT operator_id::text, received_on::text, deadline_on::text, record FROM appeals WHERE id = $1`, [
    id,
  ]);
  return rows[0];
}

describe('1. one poison mutation is rejected alone, the rest of its batch is applied', () => {
  const poisons: [string, (m: Mutation) => Mutation][] = [
    ['U+0000 in the essence', (m) => withPayload(m, { essence: 'Немає води\u0000' })],
    [
      'a lone surrogate in the name',
      (m) => withPayload(m, { applicant: { ...payloadOf(m).applicant, fullName: 'Іван \ud800' } }),
    ],
    ['createdAt that is not a date', (m) => ({ ...m, createdAt: 'Коваленко +380671234567' })],
    ['receivedOn 2026-13-45', (m) => withPayload(m, { receivedOn: '2026-13-45' })],
    ['receivedOn 0000-01-01', (m) => withPayload(m, { receivedOn: '0000-01-01' })],
    ['payload createdAt 0000-01-01T00:00:00Z', (m) => withPayload(m, { createdAt: '0000-01-01T00:00:00Z' })],
  ];

  it.each(poisons)(
    '%s: 200, that mutation rejected with its reason, the others applied, and a retry answers the same',
    async (_, poison) => {
      const d = await device();
      const before = byAuthor(d);
      const bad = poison(byAuthor(d));
      const after = byAuthor(d);
      const results = await push(d, [before, bad, after]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
      const rejected = results[1]!;
      expect(rejected.status === 'rejected' && rejected.reason.code).toBe('invalid');
      expect(await storedAppeal(after.entityId)).toBeDefined();
      expect(await storedAppeal(bad.entityId)).toBeUndefined();
      expect((await push(d, [before, bad, after])).map((r) => r.status)).toEqual([
        'duplicate',
        'rejected',
        'duplicate',
      ]);
    },
  );

  it('rejects alone a value the database refuses although validation let it through', async () => {
    // A constraint the validation does not know of stands for any gap in it.
    await db.pool.query(`ALTER TABLE appeals ADD CONSTRAINT test_poison CHECK (category_id <> 'poison')`);
    try {
      const d = await device();
      const good = byAuthor(d);
      const bad = byAuthor(d, appealPayload({ categoryId: 'poison' }));
      const results = await push(d, [good, bad, byAuthor(d)]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
      expect(results[1]!.status === 'rejected' && results[1]!.reason.message).toMatch(
        /cannot be stored \(database code 23514\)/,
      );
      const { rows } = await db.pool.query('SELECT code FROM sync_rejections WHERE mutation_id = $1', [
        bad.mutationId,
      ]);
      expect(rows).toEqual([{ code: 'invalid' }]);
      expect((await push(d, [bad])).map((r) => r.status)).toEqual(['rejected']);
    } finally {
      await db.pool.query('ALTER TABLE appeals DROP CONSTRAINT test_poison');
    }
  });
});

describe('2. a change is applied as its author or not at all', () => {
  it("refuses operator1's change pushed under operator2's sign-in, and applies it as operator1's later", async () => {
    const one = await device();
    const m = byAuthor(one);
    // operator2 signs in on operator1's workstation: the same device, a sign-in of their own.
    const two: Device = { id: one.id, pair: await loginAs('operator2', one.id), seq: 0 };
    const [refused] = await push(two, [m]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    expect(await storedAppeal(m.entityId)).toBeUndefined();
    // operator1 signs in again: the change is applied, as theirs.
    const again: Device = { id: one.id, pair: await loginAs('operator1', one.id), seq: 0 };
    const m2 = { ...m, mutationId: uuidv7(), seq: 2 };
    const [applied] = await push(again, [m2]);
    expect(applied?.status).toBe('applied');
    expect((await storedAppeal(m.entityId))?.operator_id).toBe(one.pair.user.id);
  });

  it("rejects (never 403s) an analyst's appeal, so the workstation shows it as rejected with the reason", async () => {
    const d = await device('analyst');
    const [result] = await push(d, [byAuthor(d)]);
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
  });
});

async function loginAs(username: string, deviceId: string): Promise<TokenPair> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'test-password-1', deviceId },
  });
  expect(res.statusCode).toBe(200);
  return res.json<TokenPair>();
}

describe('3. a device syncs only under the sign-in made on it', () => {
  it("refuses pushes under another device's id: the real device's seqs stay its own", async () => {
    const victim = await device();
    const attacker = await device();
    const stolen = byAuthor(attacker);
    stolen.seq = 2;
    const res = await app.inject({
      method: 'POST',
      url: SYNC_PATHS.push,
      headers: bearer(attacker.pair),
      payload: { deviceId: victim.id, epoch: null, mutations: [stolen] },
    });
    expect(res.statusCode).toBe(403);
    victim.seq = 1;
    expect((await push(victim, [byAuthor(victim)])).map((r) => r.status)).toEqual(['applied']);
  });

  it('binds a device id to the workstation that first signed in with it: another key, or none, is refused', async () => {
    const id = uuidv7();
    const key = (c: string) => c.repeat(43);
    const signIn = (deviceKey?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: {
          username: 'operator1',
          password: 'test-password-1',
          deviceId: id,
          ...(deviceKey ? { deviceKey } : {}),
        },
      });
    expect((await signIn(key('a'))).statusCode).toBe(200);
    // operator2 on the same workstation holds the same key: allowed.
    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'operator2', password: 'test-password-1', deviceId: id, deviceKey: key('a') },
    });
    expect(same.statusCode).toBe(200);
    for (const other of [key('b'), undefined]) {
      const res = await signIn(other);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'device_taken' } });
    }
    const { rows } = await db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'auth.device_refused' AND details ->> 'deviceId' = $1`,
      [id],
    );
    expect(rows).toHaveLength(2);
  });

  it('refuses a call record version beyond what the database holds (2^31)', async () => {
    const d = await device();
    const now = new Date().toISOString();
    const call: Mutation = {
      mutationId: uuidv7(),
      seq: ++d.seq,
      type: 'call.upsert',
      entityId: uuidv7(),
      createdAt: now,
      authorId: d.pair.user.id,
      payload: {} as never,
    };
    call.payload = {
      id: call.entityId,
      sipCallId: 'abc@pbx',
      direction: 'inbound',
      localNumber: '1551',
      remoteNumber: '+380671234567',
      remoteName: null,
      operatorId: d.pair.user.id,
      ringAt: now,
      answeredAt: null,
      endedAt: null,
      result: null,
      transferTarget: null,
      appealIds: [],
      consultationIds: [],
      version: 2 ** 31,
      updatedAt: now,
    };
    const [result] = await push(d, [call]);
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'invalid' } });
  });
});

describe("4. received dates, deadlines and numbers are the server's", () => {
  it.each(['2099-01-01', '9999-12-31', '2025-01-01'])(
    'refuses receivedOn %s for an appeal saved now',
    async (receivedOn) => {
      const d = await device();
      const [result] = await push(d, [byAuthor(d, appealPayload({ receivedOn }))]);
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'invalid' } });
    },
  );

  it('refuses an appeal dated in the future or beyond the offline limit', async () => {
    const d = await device();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const old = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const results = await push(d, [
      byAuthor(d, appealPayload({ createdAt: future })),
      byAuthor(d, appealPayload({ createdAt: old })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('computes the deadline and priority itself, whatever the workstation sent', async () => {
    const d = await device();
    const m = byAuthor(
      d,
      appealPayload({
        deadlineOn: '2099-12-31',
        deadlineRule: 'ua_extended_45',
        priority: true,
        benefit: 'none',
      }),
    );
    const [result] = await push(d, [m]);
    expect(result?.status).toBe('applied');
    const stored = (await storedAppeal(m.entityId))!;
    expect(stored.deadline_on).not.toBe('2099-12-31');
    expect(stored.record.deadlineOn).toBe(stored.deadline_on);
    expect(stored.record.deadlineRule).not.toBe('ua_extended_45');
    expect(stored.record.priority).toBe(false);
  });
});

describe('6. every personal-data read is audited, sync pulls included', () => {
  it('writes one audit row per pulled page naming the user, the device and the records', async () => {
    const d = await device();
    const m = byAuthor(d);
    await push(d, [m]);
    const res = await app.inject({
      method: 'POST',
      url: SYNC_PATHS.pull,
      headers: bearer(d.pair),
      payload: { deviceId: d.id, epoch: null, cursor: null },
    });
    expect(res.statusCode).toBe(200);
    const { rows } = await db.pool.query<{
      user_id: string;
      details: { deviceId: string; appealIds: string[] };
    }>(
      `SELECT user_id::text, details FROM audit_log WHERE action = 'sync.pull' AND details ->> 'deviceId' = $1`,
      [d.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.user_id).toBe(d.pair.user.id);
    expect(rows[0]!.details.appealIds).toContain(m.entityId);
  });
});

describe('7. nested JSON is refused before it is parsed', () => {
  it('answers a deep body to the public sign-in and to push with 400 at once, and a large one with 413', async () => {
    const d = await device();
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    // The sign-in takes 8 KB at most: 2,000 levels fit; the push takes megabytes: 5,000 and more.
    for (const [path, headers, deep] of [
      ['/api/v1/auth/login', {}, nested(2000)],
      [SYNC_PATHS.push, bearer(d.pair), nested(5000)],
      [SYNC_PATHS.push, bearer(d.pair), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: path,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: deep,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'too_deep' } });
    }
    const wide = `{"deviceId":[${'{},'.repeat(200_000)}1]}`;
    const res0 = await app.inject({
      method: 'POST',
      url: SYNC_PATHS.push,
      headers: { ...bearer(d.pair), 'content-type': 'application/json' },
      payload: wide,
    });
    expect(res0.json()).toMatchObject({ error: { code: 'too_many_values' } });
    const big = JSON.stringify({ username: 'x'.repeat(20_000), password: 'y' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
  });

  it('measures depth outside strings only', () => {
    expect(jsonDepth('{"a":"[[[[[[","b":[1,{"c":2}]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
    expect(jsonDepth('['.repeat(40), 32)).toBe(Infinity);
  });
});

describe('8. hostile query strings and messages get 4xx, never 500', () => {
  it.each([
    '/api/v1/appeals?text=%00',
    '/api/v1/appeals?category=a%00b',
    '/api/v1/appeals?officialNumber=%00',
  ])('GET %s', async (path) => {
    const res = await app.inject({ method: 'GET', url: path, headers: bearer((await device()).pair) });
    expect(res.statusCode).toBe(400);
  });

  it.each([
    '/api/v1/pbx/ha1?username=&realm=pbx',
    '/api/v1/pbx/ha1?username=a%00&realm=pbx',
    '/api/v1/pbx/route?to=1551&from=x&callId=',
    '/api/v1/pbx/route?to=1551&from=x&callId=%00',
  ])('PBX GET %s', async (path) => {
    const res = await app.inject({ method: 'GET', url: path, headers: bearer('p'.repeat(64)) });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('agent history with the year 0000', async () => {
    const lead = await login(app, 'team_lead');
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/agents/history?from=0000-01-01T00:00:00Z&to=0000-01-02T00:00:00Z',
      headers: bearer(lead),
    });
    expect(res.statusCode).toBe(400);
  });

  it('a live hello whose deviceId holds NUL is refused as a bad message (4400), not an internal error', async () => {
    const pair = await login(app, 'operator');
    const client = await openLive(url);
    client.send({ type: 'hello', token: pair.accessToken, deviceId: 'dev\u0000ice' });
    expect((await client.closed()).code).toBe(LIVE_CLOSE.badMessage);
  });
});

describe('9. logs and files keep no personal data and no open doors', () => {
  it('logs a database error by its code, never the value it quotes', () => {
    const pgError = Object.assign(
      new Error('invalid input syntax for type date: "Коваленко +380671234567"'),
      {
        code: '22007',
        severity: 'ERROR',
        routine: 'DateTimeParseError',
      },
    );
    expect(JSON.stringify(loggableError(pgError))).not.toMatch(/Коваленко|380671234567/);
    const other = loggableError(new Error(`bad value "${'x'.repeat(100_000)}" in ${'y'.repeat(1000)}`));
    expect(String(other['message']).length).toBeLessThanOrEqual(200);
  });

  it('keeps the embedded cluster 0700, its parent closed to writes by others, and a shared sticky folder untouched', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'perm-'));
    chmodSync(parent, 0o711); // as /home or /srv would be: postgres may pass through
    const sticky = join(parent, 'shared');
    mkdirSync(sticky);
    chmodSync(sticky, 0o1777);
    const open = join(parent, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const clusters = [
      await startEmbeddedPostgres({ dataDir: join(sticky, 'cluster'), port: await freePort() }),
      await startEmbeddedPostgres({ dataDir: join(open, 'cluster'), port: await freePort() }),
    ];
    try {
      expect(statSync(sticky).mode & 0o7777).toBe(0o1777);
      expect(statSync(open).mode & 0o022).toBe(0);
      for (const dir of [sticky, open]) expect(statSync(join(dir, 'cluster')).mode & 0o777).toBe(0o700);
    } finally {
      for (const c of clusters) await c.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('10. the live socket', () => {
  it('refuses a browser page of another origin at the handshake', async () => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${LIVE_PATH}`, {
      origin: 'https://evil.example',
    });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    socket.terminate();
    expect(status).toBe(403);
  });

  it('keeps a made-up call id out of the reports, and names a real call once its record arrives', async () => {
    const d = await device();
    await db.pool.query('DELETE FROM agent_state_history WHERE user_id = $1', [d.pair.user.id]);
    const client = await openLive(url);
    client.send({ type: 'hello', token: d.pair.accessToken, deviceId: d.id });
    await client.next('welcome');
    const report = async (callId: string) => {
      client.send({ type: 'agent.state', state: { state: 'on_call', callId }, sipRegistered: true });
      await client.next(
        'agent.ack',
        (m) => m.agent.state.state === 'on_call' && m.agent.state.callId === callId,
      );
    };
    await report('made-up-call');
    await report('real-call@pbx');
    const now = new Date().toISOString();
    const record: Mutation = {
      mutationId: uuidv7(),
      seq: ++d.seq,
      type: 'call.upsert',
      entityId: uuidv7(),
      createdAt: now,
      authorId: d.pair.user.id,
      payload: {} as never,
    };
    record.payload = {
      id: record.entityId,
      sipCallId: 'real-call@pbx',
      direction: 'outbound',
      localNumber: '1001',
      remoteNumber: '+380671234567',
      remoteName: null,
      operatorId: d.pair.user.id,
      ringAt: now,
      answeredAt: now,
      endedAt: null,
      result: null,
      transferTarget: null,
      appealIds: [],
      consultationIds: [],
      version: 1,
      updatedAt: now,
    };
    expect((await push(d, [record]))[0]?.status).toBe('applied');
    const reports = await app.inject({
      method: 'GET',
      url: `/api/v1/agents/history?from=${new Date(Date.now() - 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}&userId=${d.pair.user.id}`,
      headers: bearer(await login(app, 'team_lead')),
    });
    const calls = (reports.json() as { intervals: { state: string; callId: string | null }[] }).intervals
      .filter((i) => i.state === 'on_call')
      .map((i) => i.callId);
    expect(calls).toEqual([null, 'real-call@pbx']);
    await client.close();
  });

  it('refuses a hello that names another device than the sign-in was made on (4403)', async () => {
    const d = await device();
    const client = await openLive(url);
    client.send({ type: 'hello', token: d.pair.accessToken, deviceId: uuidv7() });
    expect((await client.closed()).code).toBe(LIVE_CLOSE.forbidden);
  });
});

function payloadOf(m: Mutation) {
  return m.payload as ReturnType<typeof appealPayload>;
}

function withPayload(m: Mutation, fields: Record<string, unknown>): Mutation {
  return { ...m, payload: { ...m.payload, ...fields } } as Mutation;
}
