import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../../src/server/auth/tokens';
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
beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers });
const me = (token: string) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

describe('server sign-in', () => {
  it('gives a working token pair for the right password and names the user and role', async () => {
    const pair = await login(app, 'operator', '0190a6b2-0000-7000-8000-000000000001');
    expect(pair.user).toMatchObject({ username: 'operator1', role: 'operator' });
    expect(pair.expiresIn).toBe(600);
    const res = await me(pair.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(pair.user);
  });

  it('answers a wrong password and an unknown user the same way, with 401', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'analyst', password: 'nope' });
    const unknown = await post('/api/v1/auth/login', { username: 'nobody', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('refuses a sixth failed attempt within a minute with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await post('/api/v1/auth/login', { username: 'operator3', password: `bad-${i}` })).statusCode,
      ).toBe(401);
    }
    const limited = await post('/api/v1/auth/login', { username: 'operator3', password: TEST_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json().error.code).toBe('rate_limited');
    // Other accounts are unaffected.
    await expect(login(app, 'feedback')).resolves.toBeTruthy();
  });

  it('rotates refresh tokens and revokes the sign-in when a rotated token is used again', async () => {
    const first = await login(app, 'analyst');
    const r1 = await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(r1.statusCode).toBe(200);
    const second = r1.json<TokenPair>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);

    const replay = await post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.statusCode).toBe(401);
    // The whole family is gone: the newest refresh token and its access token stop working too.
    expect((await post('/api/v1/auth/refresh', { refreshToken: second.refreshToken })).statusCode).toBe(401);
    expect((await me(second.accessToken)).statusCode).toBe(401);
    // Another sign-in of the same user is not affected.
    expect((await me((await login(app, 'analyst')).accessToken)).statusCode).toBe(200);
  });

  it('logs out: the access and refresh tokens of that sign-in stop working', async () => {
    const pair = await login(app, 'team_lead');
    const out = await post('/api/v1/auth/logout', {}, bearer(pair));
    expect(out.statusCode).toBe(204);
    expect((await me(pair.accessToken)).statusCode).toBe(401);
    expect((await post('/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).statusCode).toBe(401);
  });

  it('rejects forged, tampered and expired access tokens with 401', async () => {
    const pair = await login(app, 'admin');
    const [body, sig] = pair.accessToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: claims.sub })).toString(
      'base64url',
    );
    const tampered = `${promoted.slice(0, -2)}xx.${sig}`;
    const forged = issueAccessToken(
      'not-the-secret',
      { sub: claims.sub, role: 'admin', sid: claims.sid },
      600,
    );
    const expired = issueAccessToken(
      (await db.pool.query(`SELECT value FROM server_settings WHERE key = 'token_secret'`)).rows[0].value,
      { sub: claims.sub, role: 'admin', sid: claims.sid },
      600,
      Date.now() - 3_600_000,
    );
    for (const token of [tampered, forged, expired, 'garbage', `${body}.`]) {
      const res = await me(token);
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error.message).toMatch(/token/);
    }
  });

  it('refuses a disabled account at once, even with a valid access token', async () => {
    const pair = await login(app, 'operator');
    await db.pool.query(`UPDATE users SET disabled = true WHERE username = 'operator1'`);
    try {
      expect((await me(pair.accessToken)).statusCode).toBe(401);
      expect(
        (await post('/api/v1/auth/login', { username: 'operator1', password: TEST_PASSWORD })).statusCode,
      ).toBe(401);
    } finally {
      await db.pool.query(`UPDATE users SET disabled = false WHERE username = 'operator1'`);
    }
  });

  it('stores only password hashes and refresh token hashes', async () => {
    const pair = await login(app, 'feedback');
    const users = await db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(
      users.rows.every(
        (u) => u.password_hash.startsWith('scrypt$') && !u.password_hash.includes(TEST_PASSWORD),
      ),
    ).toBe(true);
    const tokens = await db.pool.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [
      pair.refreshToken,
    ]);
    expect(tokens.rowCount).toBe(0);
  });
});
