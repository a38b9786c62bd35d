// The central server as its own process for bench/server.ts, so its CPU is not shared with the
// simulated clients' event loop: DATABASE_URL in, `{"url": ...}` on stdout once it listens.
import { buildServer } from '../src/server/app';
import { serverConfig } from '../src/server/config';
import { createPool } from '../src/server/db/pool';

const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required');
const pool = createPool(url, Number(process.env['BENCH_POOL_SIZE'] || 20));
const app = buildServer({ pool, config: serverConfig({}, {}), logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
