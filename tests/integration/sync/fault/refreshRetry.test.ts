// Found by the soak: a token renewal whose answer was cut off left the workstation holding a
// rotated refresh token, and its retry was taken for theft, ending the sign-in and stranding the
// outbox. A retry naming the same proposed successor now gets that successor back (or, delivered
// late, a plain 401); a replay without it still ends the sign-in.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TokenPair } from '../../../../src/shared/sync/auth';
import { login, startServerDatabase, testServer, type ServerDatabase } from '../../server/serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
}, 60_000);
afterAll(async () => {
  await app.close();
  await db.stop();
});

const refresh = (body: object) => app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: body });
const proposal = () => randomBytes(32).toString('base64url');

it('answers a retried renewal with the successor it proposed, once the first answer was lost', async () => {
  const first = await login(app, 'operator');
  const next = proposal();
  expect((await refresh({ refreshToken: first.refreshToken, next })).statusCode).toBe(200);
  // The answer never arrived: the client sends the same pair again.
  const retry = await refresh({ refreshToken: first.refreshToken, next });
  expect(retry.statusCode).toBe(200);
  expect(retry.json<TokenPair>().refreshToken).toBe(next);
  expect((await refresh({ refreshToken: next, next: proposal() })).statusCode).toBe(200);
});

it('still ends the sign-in when a rotated token is replayed without its proposed successor', async () => {
  const first = await login(app, 'operator');
  const next = proposal();
  expect((await refresh({ refreshToken: first.refreshToken, next })).statusCode).toBe(200);
  expect((await refresh({ refreshToken: first.refreshToken, next: proposal() })).statusCode).toBe(401);
  expect((await refresh({ refreshToken: next, next: proposal() })).statusCode).toBe(401);
});

it('answers a late duplicate of a renewal with 401, without ending the sign-in it came from', async () => {
  const first = await login(app, 'operator');
  const next = proposal();
  const newest = proposal();
  expect((await refresh({ refreshToken: first.refreshToken, next })).statusCode).toBe(200);
  expect((await refresh({ refreshToken: next, next: newest })).statusCode).toBe(200);
  // The first request again, delivered late: its successor was used since.
  expect((await refresh({ refreshToken: first.refreshToken, next })).statusCode).toBe(401);
  expect((await refresh({ refreshToken: newest, next: proposal() })).statusCode).toBe(200);
});

it('refuses a proposed successor that names an existing token, with a 4xx', async () => {
  const a = await login(app, 'operator');
  const b = await login(app, 'operator');
  const res = await refresh({ refreshToken: a.refreshToken, next: b.refreshToken });
  expect(res.statusCode).toBe(401);
  expect(res.body).toMatch(/refresh token/i);
});
