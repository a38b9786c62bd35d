// Two server instances on one database, each on its own port: the server keeps no state of its own.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRegistrationNumber } from '../support/registrationNumbers';
import { createPool, withTransaction, type Pool } from '../../../src/server/db/pool';
import { appealMutation } from '../support/testDatabase';
import type { TokenPair } from '../../../src/shared/sync/auth';
import { startServerDatabase, testServer, TEST_PASSWORD, type ServerDatabase } from './serverHarness';

let db: ServerDatabase;
let poolB: Pool;
let a: FastifyInstance;
let b: FastifyInstance;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  db = await startServerDatabase();
  poolB = createPool(db.url, 20);
  a = await testServer(db.pool);
  b = await testServer(poolB);
  urlA = await a.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await poolB?.end();
  await db?.stop();
});

async function http(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const signIn = async (base: string, username: string, password = TEST_PASSWORD) =>
  http(base, 'POST', '/api/v1/auth/login', { username, password });

describe('two server instances on one database', () => {
  it('listen on different ports and accept each other’s tokens, refreshes and logouts', async () => {
    expect(urlA).not.toBe(urlB);
    const login = await signIn(urlA, 'lead');
    expect(login.status).toBe(200);
    const pair = login.body as TokenPair;
    expect((await http(urlB, 'GET', '/api/v1/auth/me', undefined, pair.accessToken)).body).toEqual(pair.user);

    const refreshed = await http(urlB, 'POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = refreshed.body as TokenPair;
    expect((await http(urlA, 'GET', '/api/v1/auth/me', undefined, next.accessToken)).status).toBe(200);
    // Reuse detected on the other instance than the one that rotated.
    expect(
      (await http(urlA, 'POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status,
    ).toBe(401);
    expect((await http(urlB, 'GET', '/api/v1/auth/me', undefined, next.accessToken)).status).toBe(401);

    const again = (await signIn(urlB, 'lead')).body as TokenPair;
    expect((await http(urlA, 'POST', '/api/v1/auth/logout', {}, again.accessToken)).status).toBe(204);
    expect((await http(urlB, 'GET', '/api/v1/auth/me', undefined, again.accessToken)).status).toBe(401);
  });

  it('share the login rate limit', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(i % 2 ? urlA : urlB, 'operator2', `wrong-${i}`)).status).toBe(401);
    }
    const limited = await signIn(urlA, 'operator2');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn(urlB, 'operator2')).status).toBe(429);
  });

  it('never hand out one registration number twice under concurrent allocation from both', async () => {
    const allocate = (pool: Pool) =>
      withTransaction(pool, async (client) => {
        const n = await nextRegistrationNumber(client, '1551', 2031);
        // Hold the transaction open a little so allocations overlap.
        await client.query('SELECT pg_sleep(0.001)');
        return n;
      });
    const numbers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => allocate(i % 2 ? db.pool : poolB)),
    );
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((n) => /^1551-2031-\d{6}$/.test(n))).toBe(true);
    expect(numbers.sort().at(-1)).toBe('1551-2031-000200');
  });

  it('give appeals pushed through both at once distinct official numbers', async () => {
    // Twenty workstations, each pushing under the sign-in made on it.
    const devices = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const deviceId = randomUUID();
        const res = await http(urlA, 'POST', '/api/v1/auth/login', {
          username: 'operator3',
          password: TEST_PASSWORD,
          deviceId,
        });
        return { deviceId, pair: res.body as TokenPair };
      }),
    );
    const pushes = devices.map(({ deviceId, pair }, i) =>
      http(
        i % 2 ? urlA : urlB,
        'POST',
        '/api/v1/sync/push',
        {
          deviceId,
          epoch: null,
          mutations: [appealMutation(undefined, 1, pair.user.id), appealMutation(undefined, 2, pair.user.id)],
        },
        pair.accessToken,
      ),
    );
    const results = (await Promise.all(pushes)).flatMap((r) => {
      expect(r.status).toBe(200);
      return r.body.results as { status: string; officialNumber: string }[];
    });
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(new Set(results.map((r) => r.officialNumber)).size).toBe(40);
  });
});
