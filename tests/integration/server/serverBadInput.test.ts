// Bad input never gets a 5xx: every answer is a 4xx whose body names the problem, and nothing is
// stored from a rejected request. Logs carry no passwords, tokens or citizens' data.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app';
import { serverConfig } from '../../../src/server/config';
import { loggerOptions } from '../../../src/server/logging';
import { appealMutation, appealPayload } from '../support/testDatabase';
import type { TokenPair } from '../../../src/shared/sync/auth';
import {
  bearer,
  login,
  startServerDatabase,
  testServer,
  TEST_PASSWORD,
  type ServerDatabase,
} from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let operator: TokenPair;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { loginFailuresPerUser: 1_000_000, loginFailuresPerIp: 1_000_000 });
  operator = await login(app, 'operator');
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const count = async (table: string) =>
  Number((await db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

function expectClientError(res: { statusCode: number; body: string }, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
  const body = JSON.parse(res.body);
  expect(typeof body.error.code, what).toBe('string');
  expect(body.error.message.length, what).toBeGreaterThan(0);
  return body.error as { code: string; message: string; issues?: { path: string }[] };
}

const raw = (url: string, payload: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });

describe('bad input', () => {
  it('answers malformed JSON with 400 invalid_json on every POST route', async () => {
    for (const url of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/sync/push',
      '/api/v1/sync/pull',
    ]) {
      const error = expectClientError(await raw(url, '{"username": "x",', bearer(operator)), url);
      expect(error.code, url).toBe('invalid_json');
    }
  });

  it('names the field of a wrong type and of an unknown field', async () => {
    const wrongType = expectClientError(
      await raw('/api/v1/auth/login', JSON.stringify({ username: 5, password: TEST_PASSWORD })),
      'wrong type',
    );
    expect(wrongType.issues?.map((i) => i.path)).toEqual(['username']);
    expect(wrongType.message).toContain('username');
    const unknown = expectClientError(
      await raw(
        '/api/v1/auth/login',
        JSON.stringify({ username: 'operator1', password: TEST_PASSWORD, admin: true }),
      ),
      'unknown field',
    );
    expect(unknown.issues?.map((i) => i.path)).toEqual(['admin']);
    const pushUnknown = expectClientError(
      await raw(
        '/api/v1/sync/push',
        JSON.stringify({ deviceId: randomUUID(), epoch: null, mutations: [appealMutation()], extra: 1 }),
        bearer(operator),
      ),
      'push unknown field',
    );
    expect(pushUnknown.message).toContain('extra');
  });

  it('answers an oversize body with 413 and the limit, and a wrong content type with 415', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(5 * 1024 * 1024) });
    const error = expectClientError(await raw('/api/v1/auth/login', big), 'oversize');
    expect(error.code).toBe('too_large');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: 'username=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(expectClientError(res, 'content type').code).toBe('unsupported_media_type');
    expect(res.statusCode).toBe(415);
    expectClientError(await raw('/api/v1/auth/login', ''), 'empty body');
  });

  it('fuzz: arbitrary JSON on every POST route is a 4xx with a message and stores nothing', async () => {
    const appealsBefore = await count('appeals');
    const ledgerBefore = await count('sync_ledger');
    // Logout is left out: it would end the session the other requests use.
    const urls = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/sync/push', '/api/v1/sync/pull'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            deviceId: fc.uuid(),
            epoch: fc.constant(null),
            mutations: fc.array(fc.anything(), { maxLength: 3 }),
          }),
          fc.record({ username: fc.anything(), password: fc.anything() }),
          fc.record({ refreshToken: fc.string() }),
        ),
        async (url, value) => {
          const res = await raw(url, JSON.stringify(value) ?? 'null', bearer(operator));
          expectClientError(res, `${url} ${JSON.stringify(value)?.slice(0, 200)}`);
        },
      ),
      { numRuns: 300 },
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(operator) })).statusCode,
    ).toBe(200);
    expect(await count('appeals')).toBe(appealsBefore);
    expect(await count('sync_ledger')).toBe(ledgerBefore);
  });

  it('fuzz: arbitrary query strings on the list are a 2xx or a 4xx, never a 5xx', async () => {
    const keys = [
      'status',
      'type',
      'category',
      'executor',
      'overdue',
      'priority',
      'text',
      'officialNumber',
      'limit',
      'cursor',
      'x',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 300 })),
        async (query) => {
          const res = await app.inject({
            method: 'GET',
            url: `/api/v1/appeals?${new URLSearchParams(query).toString()}`,
            headers: bearer(operator),
          });
          if (res.statusCode !== 200) expectClientError(res, JSON.stringify(query));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps passwords, tokens, search text and appeal content out of the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = buildServer({
      pool: db.pool,
      config: serverConfig({}, {}),
      logger: pino({ ...loggerOptions('debug') }, sink),
    });
    try {
      const res = await logged.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'operator1', password: TEST_PASSWORD },
      });
      const pair = res.json<TokenPair>();
      const payload = appealPayload({ essence: 'Секретний зміст звернення' });
      await logged.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: bearer(pair),
        payload: { deviceId: randomUUID(), epoch: null, mutations: [appealMutation(payload)] },
      });
      await logged.inject({
        method: 'GET',
        url: `/api/v1/appeals?text=${encodeURIComponent('Коваленко')}`,
        headers: bearer(pair),
      });
      await logged.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: `{"password": "${TEST_PASSWORD}"`,
        headers: { 'content-type': 'application/json' },
      });
      // Whatever a handler might log, the known personal and secret fields are censored.
      logged.log.info(
        {
          password: TEST_PASSWORD,
          user: { name: 'Коваленко' },
          mutation: { payload: { essence: 'Секретний' } },
        },
        'probe',
      );
    } finally {
      await logged.close();
    }
    const text = lines.join('');
    if (process.env['SHOW_LOGS']) console.info(text);
    expect(lines.length).toBeGreaterThan(3);
    expect(text).toContain('"probe"');
    expect(text).toContain('"reqId"');
    for (const secret of [TEST_PASSWORD, 'Секретний', 'Коваленко', '380671234567', 'Bearer ']) {
      expect(text, secret).not.toContain(secret);
    }
  });
});
