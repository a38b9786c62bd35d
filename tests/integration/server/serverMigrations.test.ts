import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, UnknownMigrationError } from '../../../src/server/db/migrate';
import { createPool } from '../../../src/server/db/pool';
import { startServerDatabase, type ServerDatabase } from './serverHarness';

let db: ServerDatabase;
beforeAll(async () => {
  db = await startServerDatabase({ migrated: false });
});
afterAll(async () => db?.stop());

describe('server migrations', () => {
  it('bring an empty database to the latest schema once, even when two instances start together', async () => {
    const all = loadMigrations().map((m) => m.version);
    const other = createPool(db.url, 2);
    try {
      const [a, b] = await Promise.all([migrate(db.pool), migrate(other)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(all);
    } finally {
      await other.end();
    }
    const { rows } = await db.pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY 1',
    );
    expect(rows.map((r) => r.version)).toEqual(all);
    expect(await migrate(db.pool)).toEqual([]);
    const tables = await db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'refresh_tokens',
        'login_attempts',
        'audit_log',
        'appeals',
        'appeal_history',
      ]),
    );
  });

  it('refuse a database migrated by a newer server and change nothing', async () => {
    await db.pool.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')`);
    try {
      await expect(migrate(db.pool)).rejects.toThrow(UnknownMigrationError);
      await expect(migrate(db.pool)).rejects.toThrow(/999_from_the_future/);
    } finally {
      await db.pool.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('roll back a failing migration as a whole and leave it unrecorded', async () => {
    const broken = [
      ...loadMigrations(),
      { version: 900, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' },
    ];
    await expect(migrate(db.pool, broken)).rejects.toThrow(/900_broken/);
    const table = await db.pool.query(`SELECT to_regclass('half_done') AS t`);
    expect(table.rows[0].t).toBeNull();
    const recorded = await db.pool.query('SELECT 1 FROM schema_migrations WHERE version = 900');
    expect(recorded.rowCount).toBe(0);
  });
});
