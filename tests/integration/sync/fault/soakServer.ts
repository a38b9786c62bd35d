// The central server for the fault suite: one embedded PostgreSQL and a Fastify instance in front
// of it that can be restarted abruptly (its connections cut, its database sessions terminated so a
// transaction in flight rolls back) and rebuilt on the same database. Every answer with a 5xx from
// a live instance is counted: a well-formed request must never get one.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../../../src/server/app';
import { serverConfig } from '../../../../src/server/config';
import { migrate } from '../../../../src/server/db/migrate';
import { createPool, type Pool } from '../../../../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../../../../src/server/db/seed';
import { freePort, startEmbeddedPostgres } from '../../../../src/server/embedded';

export const SOAK_PASSWORD = 'soak-password-1';

export interface ServerError {
  method: string;
  url: string;
  status: number;
}

export interface SoakServer {
  port(): number;
  /** A pool for the test's own checks (not the server's). */
  admin: Pool;
  errors: ServerError[];
  responses(): number;
  restarts(): number;
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface Instance {
  app: FastifyInstance;
  pool: Pool;
  port: number;
  name: string;
  retired: boolean;
}

export async function startSoakServer(): Promise<SoakServer> {
  const parent = mkdtempSync(join(tmpdir(), 'soak-pg-'));
  const db = await startEmbeddedPostgres({ dataDir: join(parent, 'cluster'), port: await freePort() });
  const admin = createPool(db.url, 4);
  await migrate(admin);
  await seedReference(admin);
  await seedUsers(admin, demoUsers(SOAK_PASSWORD));

  const errors: ServerError[] = [];
  let responses = 0;
  let generation = 0;
  // Short access tokens: refreshes happen through the faults too.
  const config = serverConfig({ metricsToken: null, accessTtlSeconds: 20 }, {});

  async function startInstance(): Promise<Instance> {
    const name = `soak-${++generation}`;
    const url = new URL(db.url);
    url.searchParams.set('application_name', name);
    const pool = createPool(url.toString(), 10);
    const app = buildServer({ pool, config, logger: false });
    const instance: Instance = { app, pool, port: await freePort(), name, retired: false };
    app.addHook('onResponse', async (request, reply) => {
      if (instance.retired) return;
      responses++;
      if (reply.statusCode >= 500)
        errors.push({ method: request.method, url: request.url, status: reply.statusCode });
    });
    await app.listen({ host: '127.0.0.1', port: instance.port });
    return instance;
  }

  let current = await startInstance();
  let restarts = 0;
  return {
    port: () => current.port,
    admin,
    errors,
    responses: () => responses,
    restarts: () => restarts,
    async restart() {
      const old = current;
      // A crash, not a graceful stop: what the dying instance still answers reaches nobody.
      old.retired = true;
      old.app.server.closeAllConnections();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [old.name],
      );
      void old.app.close().catch(() => undefined);
      void old.pool.end().catch(() => undefined);
      current = await startInstance();
      restarts++;
    },
    async close() {
      current.retired = true;
      await current.app.close();
      await current.pool.end();
      await admin.end();
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
