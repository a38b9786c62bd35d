// A real PostgreSQL with every migration, one signed-in operator and a Fastify app serving the
// sync routes: the common setup of the server-side sync tests.
import type { FastifyInstance } from 'fastify';
import {
  buildSyncApp,
  createUser,
  startTestDatabase,
  type TestDatabase,
} from '../../../src/server/sync/testDatabase';
import type { SessionUser } from '../../../src/shared/sync/auth';

export interface SyncApp {
  db: TestDatabase;
  app: FastifyInstance;
  operator: SessionUser;
  stop(): Promise<void>;
}

export async function startSyncApp(): Promise<SyncApp> {
  const db = await startTestDatabase();
  const operator = await createUser(db.pool);
  const app = await buildSyncApp(db.pool, [operator]);
  return {
    db,
    app,
    operator,
    async stop() {
      await app.close();
      await db.stop();
    },
  };
}
