// Forward-only SQL migrations: src/server/db/migrations/NNN_name.sql, applied in order, each in its
// own transaction, recorded in schema_migrations. Numbers 001-009 are the core server's, 010-019
// the sync engine's.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pool';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any fixed number works; it only has to be the same in every instance of this server.
const MIGRATION_LOCK = 1551_0001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{3})_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name must be NNN_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.version === m.version)
      throw new Error(`Two migrations numbered ${m.version}`);
  });
  return migrations;
}

export class UnknownMigrationError extends Error {}

/**
 * Applies the migrations the database lacks and returns their versions. Refuses a database that
 * has a migration this code does not know (it was migrated by a newer server). Safe when several
 * instances start at once: they queue on an advisory lock.
 */
export async function migrate(pool: Pool, migrations = loadMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    const unknown = rows.filter((row) => known.get(row.version)?.name !== row.name);
    if (unknown.length > 0) {
      const list = unknown.map((row) => `${String(row.version).padStart(3, '0')}_${row.name}`).join(', ');
      throw new UnknownMigrationError(
        `The database has migrations this server does not know (${list}): it was migrated by a newer version. Refusing to start.`,
      );
    }
    const applied = new Set(rows.map((row) => row.version));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
