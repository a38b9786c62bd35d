// The real central server for end-to-end tests, in-process: an embedded PostgreSQL in a temp folder,
// migrated and seeded like `npm run server` (demo accounts with their documented passwords), and a
// Fastify listener on 127.0.0.1 that can be stopped and started again on the same port, or replaced
// by a new instance on the same database (a server restart).
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

/** The documented demo password of a seeded account (src/server/db/seed.ts). */
export const demoPassword = (username: string): string => `demo-${username}`;

export interface RealServer {
  /** http://127.0.0.1:PORT, the same across stop/start. */
  url: string;
  port: number;
  pool: Pool;
  running(): boolean;
  /** Closes the HTTP listener; the database keeps running. */
  stop(): Promise<void>;
  /** A new server instance on the same port and database. */
  start(): Promise<void>;
  /** stop() then start(): what a deploy or a crash-and-restart looks like to the workstations. */
  restart(): Promise<void>;
  /** Stops everything and removes the database folder. */
  close(): Promise<void>;
}

/**
 * A real server on an embedded PostgreSQL. `env` is read like the process environment by
 * serverConfig (e.g. SIP_WS_URI, SIP_DOMAIN, PBX_TOKEN for the softphone tests); `overrides`
 * set configuration directly (e.g. shorter live-channel timings).
 */
export async function startRealServer(
  env: Record<string, string | undefined> = {},
  overrides: Partial<ServerConfig> = {},
): Promise<RealServer> {
  const parent = mkdtempSync(join(tmpdir(), 'real-server-'));
  const db = await startEmbeddedPostgres({ dataDir: join(parent, 'cluster'), port: await freePort() });
  const pool = createPool(db.url, 20);
  await migrate(pool);
  await seedReference(pool);
  // The documented passwords, whatever SERVER_DEMO_PASSWORD the test's environment carries.
  await seedUsers(
    pool,
    demoUsers('').map((u) => ({ ...u, password: demoPassword(u.username) })),
  );
  const port = await freePort();
  const config = serverConfig({ metricsToken: null, ...overrides }, env);
  let app: FastifyInstance | null = null;

  const start = async () => {
    if (app) return;
    const next = buildServer({ pool, config, logger: false });
    await next.listen({ port, host: '127.0.0.1' });
    app = next;
  };
  const stop = async () => {
    const current = app;
    app = null;
    await current?.close();
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pool,
    running: () => app !== null,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      await pool.end().catch(() => undefined);
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
