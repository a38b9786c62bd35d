// Sign-in under attack: the throttle counts an attempt before its password is checked, so a burst
// cannot outrun it; an attacker cannot turn it into a lock-out of real users; the client address
// comes from a trusted proxy only; hostile input, non-canonical tokens and a disabled account's old
// sign-ins are refused.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app';
import { hashPassword } from '../../../src/server/auth/password';
import { issueAccessToken, verifyAccessToken } from '../../../src/server/auth/tokens';
import { serverConfig, type ServerConfig } from '../../../src/server/config';
import { loggerOptions } from '../../../src/server/logging';
import type { TokenPair } from '../../../src/shared/sync/auth';
import { bearer, startServerDatabase, testServer, TEST_PASSWORD, type ServerDatabase } from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let passwordHash: string;
const extraApps: FastifyInstance[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  passwordHash = await hashPassword(TEST_PASSWORD);
});
afterAll(async () => {
  await Promise.all(extraApps.map((a) => a.close()));
  await app?.close();
  await db?.stop();
});

async function otherServer(overrides: Partial<ServerConfig>): Promise<FastifyInstance> {
  const other = await testServer(db.pool, overrides);
  extraApps.push(other);
  return other;
}

let users = 0;
/** A fresh operator account (password TEST_PASSWORD), so no test sees another's counters. */
async function newUser(): Promise<string> {
  const username = `user${++users}-${randomBytes(3).toString('hex')}`;
  await db.pool.query(
    `INSERT INTO users (username, name, role, password_hash) VALUES ($1, $2, 'operator', $3)`,
    [username, `Test ${username}`, passwordHash],
  );
  return username;
}

let addresses = 0;
/** A fresh client address, so no test sees another's per-address counters. */
const newAddress = () => `198.51.${100 + Math.floor(++addresses / 250)}.${addresses % 250}`;

interface Attempt {
  username: string;
  password: string;
  address?: string;
  deviceId?: string;
  deviceKey?: string;
  headers?: Record<string, string>;
  server?: FastifyInstance;
}

const signIn = ({ username, password, address, deviceId, deviceKey, headers, server = app }: Attempt) =>
  server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(deviceId ? { deviceId } : {}), ...(deviceKey ? { deviceKey } : {}) },
    ...(address ? { remoteAddress: address } : {}),
    ...(headers ? { headers } : {}),
  });

/** How many passwords the server has run through scrypt (auth_password_checks_total). */
async function passwordChecks(server: FastifyInstance = app): Promise<number> {
  const metric = server.metrics.registry.getSingleMetric('auth_password_checks_total');
  if (!metric) return Number.NaN;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

const countOf = (responses: LightMyRequestResponse[], status: number) =>
  responses.filter((r) => r.statusCode === status).length;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const deviceKey = () => randomBytes(32).toString('base64url');
const me = (token: string, server = app) =>
  server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

describe('login throttle against bursts', () => {
  it('evaluates at most five of 100 concurrent wrong passwords for one user from one address', async () => {
    const username = await newUser();
    const address = newAddress();
    const before = await passwordChecks();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn({ username, password: `wrong-${i}`, address })),
    );
    const evaluated = (await passwordChecks()) - before;
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(countOf(answers, 401)).toBe(evaluated);
    expect(countOf(answers, 429)).toBe(100 - evaluated);
    const limited = answers.find((r) => r.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('evaluates at most five of 100 concurrent wrong passwords for one user from 100 addresses', async () => {
    const username = await newUser();
    const before = await passwordChecks();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        signIn({ username, password: `wrong-${i}`, address: newAddress() }),
      ),
    );
    const evaluated = (await passwordChecks()) - before;
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(countOf(answers, 429)).toBe(100 - evaluated);
  });

  it('does not let a burst of 49 wrong passwords followed by the right one sign in', async () => {
    const username = await newUser();
    const address = newAddress();
    const guesses = [...Array.from({ length: 49 }, (_, i) => `wrong-${i}`), TEST_PASSWORD];
    const answers = await Promise.all(guesses.map((password) => signIn({ username, password, address })));
    expect(countOf(answers, 200)).toBe(0);
    expect(countOf(answers, 401)).toBeLessThanOrEqual(5);
    expect(answers.at(-1)!.statusCode).toBe(429);
  });

  it('lets a burst of right passwords for one user from one address through, five checks at a time', async () => {
    const username = await newUser();
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => signIn({ username, password: TEST_PASSWORD, address })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  });

  it('ignores the slots of a check that never settled (its instance died) once they are 30 s old', async () => {
    const username = await newUser();
    const address = newAddress();
    // The bucket keys of rateLimit.ts: this user's pair at this address, and the username.
    await db.pool.query(
      `INSERT INTO login_throttle (bucket, pending, pending_since)
       VALUES ($1, 5, now() - interval '31 seconds'), ($2, 5, now() - interval '31 seconds')`,
      [`pair|address:${address}|${username}`, `username|${username}`],
    );
    const started = performance.now();
    expect((await signIn({ username, password: TEST_PASSWORD, address })).statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('does not count a successful sign-in', async () => {
    const username = await newUser();
    const address = newAddress();
    for (let i = 0; i < 10; i++) {
      expect((await signIn({ username, password: TEST_PASSWORD, address })).statusCode).toBe(200);
    }
    for (let i = 0; i < 4; i++) {
      expect((await signIn({ username, password: 'wrong', address })).statusCode).toBe(401);
    }
    expect((await signIn({ username, password: TEST_PASSWORD, address })).statusCode).toBe(200);
  });
});

describe('login throttle is no lock-out', () => {
  it('after five failures from anywhere, delays a user 1 s, then 2 s, instead of locking the account', async () => {
    const username = await newUser();
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username, password: 'wrong', address: newAddress() })).statusCode).toBe(401);
    }
    const delayed = await signIn({ username, password: TEST_PASSWORD, address: newAddress() });
    expect(delayed.statusCode).toBe(429);
    expect(delayed.headers['retry-after']).toBe('1');
    await sleep(1_100);
    expect((await signIn({ username, password: 'wrong', address: newAddress() })).statusCode).toBe(401);
    const longer = await signIn({ username, password: TEST_PASSWORD, address: newAddress() });
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('2');
    await sleep(2_100);
    expect((await signIn({ username, password: TEST_PASSWORD, address: newAddress() })).statusCode).toBe(200);
  });

  it('keeps a strict per-address limit: a sixth attempt from the attacking address is refused for the window', async () => {
    const username = await newUser();
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username, password: 'wrong', address })).statusCode).toBe(401);
    }
    await sleep(1_100);
    const limited = await signIn({ username, password: TEST_PASSWORD, address });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('lets a known workstation sign in at the address an attacker has used up, and only there', async () => {
    const username = await newUser();
    const address = newAddress();
    const device = { deviceId: randomUUID(), deviceKey: deviceKey() };
    expect((await signIn({ username, password: TEST_PASSWORD, address, ...device })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username, password: 'wrong', address })).statusCode).toBe(401);
    }
    expect((await signIn({ username, password: TEST_PASSWORD, address })).statusCode).toBe(429);
    // The device id alone, or with a made-up key, is the attacker's bucket.
    const forgedKey = { deviceId: device.deviceId, deviceKey: deviceKey() };
    expect((await signIn({ username, password: TEST_PASSWORD, address, ...forgedKey })).statusCode).toBe(429);
    expect(
      (await signIn({ username, password: TEST_PASSWORD, address, deviceId: device.deviceId })).statusCode,
    ).toBe(429);
    expect((await signIn({ username, password: TEST_PASSWORD, address, ...device })).statusCode).toBe(200);
  });

  it('limits a known workstation strictly too: five failures there, then 429', async () => {
    const username = await newUser();
    const address = newAddress();
    const device = { deviceId: randomUUID(), deviceKey: deviceKey() };
    expect((await signIn({ username, password: TEST_PASSWORD, address, ...device })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username, password: 'wrong', address, ...device })).statusCode).toBe(401);
    }
    expect((await signIn({ username, password: TEST_PASSWORD, address, ...device })).statusCode).toBe(429);
  });

  it('does not treat a workstation another user signed in from as known for this user', async () => {
    const owner = await newUser();
    const insider = await newUser();
    const target = await newUser();
    const address = newAddress();
    const device = { deviceId: randomUUID(), deviceKey: deviceKey() };
    expect((await signIn({ username: owner, password: TEST_PASSWORD, address, ...device })).statusCode).toBe(
      200,
    );
    expect(
      (await signIn({ username: insider, password: TEST_PASSWORD, address, ...device })).statusCode,
    ).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username: target, password: 'wrong', address, ...device })).statusCode).toBe(
        401,
      );
    }
    expect((await signIn({ username: target, password: 'wrong', address, ...device })).statusCode).toBe(429);
    expect((await signIn({ username: target, password: 'wrong', address: newAddress() })).statusCode).toBe(
      429,
    );
  });

  it('lets a real user sign in after 22 failures on made-up usernames from the same address', async () => {
    const address = newAddress();
    for (let i = 0; i < 22; i++) {
      expect((await signIn({ username: `ghost-${randomUUID()}`, password: 'x', address })).statusCode).toBe(
        401,
      );
    }
    expect((await signIn({ username: await newUser(), password: TEST_PASSWORD, address })).statusCode).toBe(
      200,
    );
  });

  it('past the per-address limit on made-up usernames, refuses keyless sign-ins there but not known workstations', async () => {
    const strict = await otherServer({ loginFailuresPerIp: 10 });
    const address = newAddress();
    const username = await newUser();
    const device = { deviceId: randomUUID(), deviceKey: deviceKey() };
    const ok = await signIn({ server: strict, username, password: TEST_PASSWORD, address, ...device });
    expect(ok.statusCode).toBe(200);
    const before = await passwordChecks(strict);
    const sprayed = await Promise.all(
      Array.from({ length: 30 }, () =>
        signIn({ server: strict, username: `ghost-${randomUUID()}`, password: 'x', address }),
      ),
    );
    expect((await passwordChecks(strict)) - before).toBeLessThanOrEqual(10);
    expect(countOf(sprayed, 429)).toBeGreaterThanOrEqual(20);
    // Every username answers alike, so the limit does not tell which accounts exist.
    const keyless = await signIn({ server: strict, username, password: TEST_PASSWORD, address });
    expect(keyless.statusCode).toBe(429);
    const known = await signIn({ server: strict, username, password: TEST_PASSWORD, address, ...device });
    expect(known.statusCode).toBe(200);
    // Another address is not affected.
    expect((await signIn({ server: strict, username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('does not count wrong passwords of real accounts toward the per-address limit', async () => {
    const strict = await otherServer({ loginFailuresPerIp: 3 });
    const address = newAddress();
    for (let u = 0; u < 3; u++) {
      const username = await newUser();
      for (let i = 0; i < 2; i++) {
        expect((await signIn({ server: strict, username, password: 'typo', address })).statusCode).toBe(401);
      }
    }
    const res = await signIn({ server: strict, username: await newUser(), password: TEST_PASSWORD, address });
    expect(res.statusCode).toBe(200);
  });
});

describe('client address behind a reverse proxy', () => {
  const attemptAddress = async (username: string) =>
    (
      await db.pool.query<{ ip: string }>('SELECT ip FROM login_attempts WHERE username = $1', [username])
    ).rows.map((r) => r.ip);

  it('takes X-Forwarded-For from a configured proxy address', async () => {
    const proxied = await otherServer({ trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    const username = `ghost-${randomUUID()}`;
    await signIn({ server: proxied, username, password: 'x', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(await attemptAddress(username)).toEqual(['203.0.113.7']);
    // A client that is not the proxy cannot choose its address.
    const direct = `ghost-${randomUUID()}`;
    await signIn({
      server: proxied,
      username: direct,
      password: 'x',
      address: '192.0.2.44',
      headers: { 'x-forwarded-for': '203.0.113.8' },
    });
    expect(await attemptAddress(direct)).toEqual(['192.0.2.44']);
  });

  it('ignores X-Forwarded-For when no proxy is configured', async () => {
    const username = `ghost-${randomUUID()}`;
    await signIn({ username, password: 'x', headers: { 'x-forwarded-for': '203.0.113.10' } });
    expect(await attemptAddress(username)).toEqual(['127.0.0.1']);
  });

  it('reads TRUST_PROXY as addresses and CIDR ranges, off by default, and refuses anything else', () => {
    const trust = (value?: string) =>
      serverConfig({}, value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust(' 10.0.0.1, 10.1.0.0/16 ,::1, fd00::/8 ')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
    ]);
    expect(trust('loopback')).toEqual(['loopback']);
    // A hop count or `true` would trust whoever connects, so a direct client could pick its address.
    for (const bad of ['true', '1', 'proxy.example', '10.0.0.0/33', '10.0.0.1,,x', '10.0.0.1/8/8']) {
      expect(() => trust(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('sign-in input', () => {
  it.each([
    ['username', { username: 'admin\u0000', password: 'x' }],
    ['username', { username: 'admin\u0007', password: 'x' }],
    ['username', { username: 'adm\ud800in', password: 'x' }],
    ['username', { username: 'ad\nmin', password: 'x' }],
    ['password', { username: 'admin', password: 'pass\u0000word' }],
    ['password', { username: 'admin', password: '\udc00' }],
  ])('refuses unstorable text in the %s with 400 naming it', async (field, payload) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it.each([['refresh\u0000token'], ['\ud83d'], ['tab\there']])(
    'refuses unstorable text in the refresh token with 400 naming it (%j)',
    async (refreshToken) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('refreshToken');
    },
  );
});

describe('access token encoding', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  async function signedIn(): Promise<{ pair: TokenPair; secret: string }> {
    const res = await signIn({ username: await newUser(), password: TEST_PASSWORD, address: newAddress() });
    const secret = (await db.pool.query(`SELECT value FROM server_settings WHERE key = 'token_secret'`))
      .rows[0].value as string;
    return { pair: res.json<TokenPair>(), secret };
  }

  it('accepts only the canonical base64url form of a valid token', async () => {
    const { pair, secret } = await signedIn();
    expect((await me(pair.accessToken)).statusCode).toBe(200);
    const [body, sig] = pair.accessToken.split('.') as [string, string];
    // The last of 43 characters carries 4 bits of the signature and 2 unused ones.
    const last = ALPHABET.indexOf(sig.at(-1)!);
    const sloppy = `${sig.slice(0, -1)}${ALPHABET[last ^ 1]}`;
    expect(Buffer.from(sloppy, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    const variants = [`${body}.${sloppy}`, `${body}.${sig}=`, `${body}.${sig}A`, `${body}=.${sig}`];
    // A signature with '-' or '_' spelled in the other alphabet decodes to the same bytes.
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    for (let i = 0; i < 20; i++) {
      const token = issueAccessToken(secret, { sub: claims.sub, role: claims.role, sid: claims.sid }, 600);
      const [b, s] = token.split('.') as [string, string];
      if (/[-_]/.test(s)) {
        expect((await me(token)).statusCode).toBe(200);
        variants.push(`${b}.${s.replace(/-/g, '+').replace(/_/g, '/')}`);
        break;
      }
    }
    expect(variants.length).toBe(5);
    for (const token of variants) {
      const res = await me(token);
      expect(res.statusCode, token).toBe(401);
    }
    for (const token of [
      ...variants,
      ` ${pair.accessToken}`,
      `${pair.accessToken}\n`,
      `${body}.${sig.slice(0, 20)} ${sig.slice(20)}`,
    ]) {
      expect(verifyAccessToken(secret, token), JSON.stringify(token)).toBeNull();
    }
    expect(verifyAccessToken(secret, pair.accessToken)).not.toBeNull();
  });
});

describe('disabled accounts', () => {
  it('end every sign-in: after re-enabling, old access and refresh tokens stay dead and a new sign-in works', async () => {
    const username = await newUser();
    const first = (
      await signIn({ username, password: TEST_PASSWORD, address: newAddress() })
    ).json<TokenPair>();
    const second = (
      await signIn({ username, password: TEST_PASSWORD, address: newAddress() })
    ).json<TokenPair>();
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: second.refreshToken },
    });
    const rotated = refreshed.json<TokenPair>();
    await db.pool.query('UPDATE users SET disabled = true WHERE username = $1', [username]);
    await db.pool.query('UPDATE users SET disabled = false WHERE username = $1', [username]);
    for (const token of [first.accessToken, rotated.accessToken]) {
      expect((await me(token)).statusCode).toBe(401);
    }
    for (const refreshToken of [first.refreshToken, rotated.refreshToken]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).not.toMatch(/already used/);
    }
    const live = await db.pool.query(
      `SELECT 1 FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = $1 AND t.revoked_at IS NULL`,
      [username],
    );
    expect(live.rowCount).toBe(0);
    const again = await signIn({ username, password: TEST_PASSWORD, address: newAddress() });
    expect(again.statusCode).toBe(200);
    expect((await me(again.json<TokenPair>().accessToken)).statusCode).toBe(200);
  });
});

describe('sign-in records', () => {
  it('audits a failed sign-in and logs neither the password nor the username', async () => {
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
    extraApps.push(logged);
    const username = await newUser();
    const { rows: userRows } = await db.pool.query<{ id: string }>(
      'SELECT id FROM users WHERE username = $1',
      [username],
    );
    const password = `Secret-${randomUUID()}`;
    const res = await signIn({ server: logged, username, password, address: newAddress() });
    expect(res.statusCode).toBe(401);
    const failed = await db.pool.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE user_id = $1 AND action = 'auth.login_failed'`,
      [userRows[0]!.id],
    );
    expect(failed.rowCount).toBe(1);
    expect(JSON.stringify(failed.rows[0]!.details)).not.toContain(password);
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(password);
    expect(all).not.toContain(username);
  });

  it('signs a normal user in quickly', async () => {
    const username = await newUser();
    const address = newAddress();
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username, password: TEST_PASSWORD, address })).statusCode).toBe(200);
    }
    expect((performance.now() - started) / 5).toBeLessThan(500);
  });
});
