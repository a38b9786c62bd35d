// Counting reads without PostgreSQL's parallel workers. A count over an index of some 300,000 open
// appeals takes ~30 ms in one process; planned parallel, the workers' start-up made it ~80 ms on a
// two-core server (bench/server/lifecycle.ts), and every reader at once would take three processes.
// Set for the one statement's transaction only, so the rest of the server plans as configured.
import type { Pool, Queryable } from '../db/pool';

export async function withSerialScan<T>(pool: Pool, read: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0');
    const value = await read(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
