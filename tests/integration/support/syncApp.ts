// A real PostgreSQL with every migration, one signed-in operator and a Fastify app serving the
// sync routes: the common setup of the server-side sync tests.
import type { FastifyInstance } from 'fastify';
import { buildSyncApp, createUser, startTestDatabase, type TestDatabase } from './testDatabase';
import type { SessionUser } from '../../../src/shared/sync/auth';

export interface SyncApp {
  db: TestDatabase;
  app: FastifyInstance;
  operator: SessionUser;
  /** Moves the server's clock (null: the real one), e.g. to push appeals received in another year. */
  setNow(now: Date | null): void;
  stop(): Promise<void>;
}

export async function startSyncApp(): Promise<SyncApp> {
  const db = await startTestDatabase();
  const operator = await createUser(db.pool);
  let now: Date | null = null;
  const app = await buildSyncApp(db.pool, [operator], { clock: () => now ?? new Date() });
  return {
    db,
    app,
    operator,
    setNow(to) {
      now = to;
    },
    async stop() {
      await app.close();
      await db.stop();
    },
  };
}

/**
 * The SyncApp of a test file: started before its tests, stopped after them. Read its fields inside
 * tests and hooks (they are set once the file's beforeAll has run).
 */
export function useSyncApp(): SyncApp {
  let started: SyncApp | undefined;
  beforeAll(async () => {
    started = await startSyncApp();
  });
  afterAll(() => started?.stop());
  const get = (): SyncApp => {
    if (!started) throw new Error('useSyncApp: the app starts in beforeAll; read it inside a test or hook');
    return started;
  };
  return {
    get db() {
      return get().db;
    },
    get app() {
      return get().app;
    },
    get operator() {
      return get().operator;
    },
    setNow: (to) => get().setNow(to),
    stop: () => get().stop(),
  };
}
