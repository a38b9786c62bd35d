// For the server integration tests: one embedded PostgreSQL per test file (a throwaway folder and a
// random port), migrated and seeded like `npm run server`, and helpers to sign in.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../../src/server/app';
import { serverConfig, type ServerConfig } from '../../../src/server/config';
import { migrate } from '../../../src/server/db/migrate';
import { createPool, type Pool } from '../../../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../../../src/server/db/seed';
import { freePort, startEmbeddedPostgres } from '../../../src/server/embedded';
import type { Role, TokenPair } from '../../../src/shared/sync/auth';

export const TEST_PASSWORD = 'test-password-1';

export const usernameFor: Record<Role, string> = {
  operator: 'operator1',
  analyst: 'analyst',
  feedback: 'feedback',
  team_lead: 'lead',
  admin: 'admin',
};

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
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: usernameFor[role], password: TEST_PASSWORD, ...(deviceId ? { deviceId } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${role}: ${res.statusCode} ${res.body}`);
  return res.json<TokenPair>();
}

export const bearer = (pair: TokenPair | string) => ({
  authorization: `Bearer ${typeof pair === 'string' ? pair : pair.accessToken}`,
});
