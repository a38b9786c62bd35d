// `npm run server [-- --port N --host H --pg-data DIR --pg-port N]`: the central server with the
// database at DATABASE_URL, or an embedded PostgreSQL in ./.data/server-pg when it is not set.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildServer } from './app';
import { serverConfig } from './config';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';
import { demoUsers, seedReference, seedUsers } from './db/seed';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { loggerOptions } from './logging';
import { runSyncCommand } from './sync/epoch';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env['PORT'] ?? '8151' },
      host: { type: 'string', default: process.env['HOST'] ?? '127.0.0.1' },
      'pg-data': { type: 'string' },
      'pg-port': { type: 'string', default: '54329' },
      'no-demo-users': { type: 'boolean', default: false },
      'rotate-epoch': { type: 'boolean', default: false },
    },
  });
  const logger = pino(loggerOptions());
  let embedded: EmbeddedDatabase | null = null;
  let url = process.env['DATABASE_URL'];
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: values['pg-data'], port: Number(values['pg-port']) });
    url = embedded.url;
    logger.info({ dataDir: values['pg-data'] ?? '.data/server-pg' }, 'embedded PostgreSQL started');
  }
  const pool = createPool(url, 20);
  const stopDatabase = async () => {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    const applied = await migrate(pool);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (await runSyncCommand(process.argv.slice(2), pool)) {
      await stopDatabase();
      return;
    }
    await seedReference(pool);
    if (!values['no-demo-users']) await seedUsers(pool, demoUsers());
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const app = buildServer({ pool, config: serverConfig(), logger, processMetrics: true });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void app
      .close()
      .then(stopDatabase)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const port = Number(values.port);
  await app.listen({ port, host: values.host });
  console.info(`Server ready: http://${values.host}:${port}`);
}

main().catch((error: unknown) => {
  console.error(`Server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
