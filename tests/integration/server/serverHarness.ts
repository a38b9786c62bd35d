// For the server integration tests: one embedded PostgreSQL per test file (a throwaway folder and a
// random port), migrated and seeded like `npm run server`, and helpers to sign in.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../../src/server/app';
import { hashPassword } from '../../../src/server/auth/password';
import { serverConfig, type ServerConfig } from '../../../src/server/config';
import { migrate } from '../../../src/server/db/migrate';
import { createPool, type Pool } from '../../../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../../../src/server/db/seed';
import { freePort, startEmbeddedPostgres } from '../../../src/server/embedded';
import type { Role, TokenPair } from '../../../src/shared/sync/auth';

export const TEST_PASSWORD = 'test-password-1';

/** Executors of the seeded reference data that the test executor accounts belong to. */
export const TEST_ORGANISATIONS = { executor: 'e-6bdb0865', other: 'e-42d1462c' } as const;

export const usernameFor: Record<Role, string> = {
  operator: 'operator1',
  analyst: 'analyst',
  feedback: 'feedback',
  team_lead: 'lead',
  admin: 'admin',
  executor: 'test-executor',
};

/** An executor account of another organisation (TEST_ORGANISATIONS.other). */
export const OTHER_EXECUTOR_USERNAME = 'test-executor-other';

/** Another account with the test password, e.g. a second analyst; an executor needs an organisation. */
export async function createAccount(
  pool: Pool,
  username: string,
  role: Role,
  organisationId: string | null = null,
): Promise<void> {
  await pool.query(
    `INSERT INTO users (username, name, role, password_hash, organisation_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING`,
    [username, `Test ${role} ${username}`, role, await hashPassword(TEST_PASSWORD), organisationId],
  );
}

export interface ServerDatabase {
  url: string;
  pool: Pool;
  stop(): Promise<void>;
}

/** A fresh cluster; `migrated: false` leaves the database empty. */
export async function startServerDatabase({ migrated = true } = {}): Promise<ServerDatabase> {
  const parent = mkdtempSync(join(tmpdir(), 'server-pg-'));
  const db = await startEmbeddedPostgres({
    dataDir: join(parent, 'cluster'),
    port: await freePort(),
  });
  const pool = createPool(db.url, 20);
  if (migrated) {
    await migrate(pool);
    await seedReference(pool);
    await seedUsers(pool, demoUsers(TEST_PASSWORD));
    await createAccount(pool, usernameFor.executor, 'executor', TEST_ORGANISATIONS.executor);
    await createAccount(pool, OTHER_EXECUTOR_USERNAME, 'executor', TEST_ORGANISATIONS.other);
  }
  return {
    url: db.url,
    pool,
    async stop() {
      await pool.end();
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export async function testServer(
  pool: Pool,
  overrides: Partial<ServerConfig> = {},
): Promise<FastifyInstance> {
  const app = buildServer({
    pool,
    config: serverConfig({ metricsToken: null, ...overrides }, {}),
    logger: false,
  });
  await app.ready();
  return app;
}

export async function login(app: FastifyInstance, role: Role, deviceId?: string): Promise<TokenPair> {
  return loginAs(app, usernameFor[role], deviceId);
}

export async function loginAs(app: FastifyInstance, username: string, deviceId?: string): Promise<TokenPair> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD, ...(deviceId ? { deviceId } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${username}: ${res.statusCode} ${res.body}`);
  return res.json<TokenPair>();
}

export const bearer = (pair: TokenPair | string) => ({
  authorization: `Bearer ${typeof pair === 'string' ? pair : pair.accessToken}`,
});
