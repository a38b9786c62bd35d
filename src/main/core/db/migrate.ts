// Forward-only migrations on `PRAGMA user_version`. Each runs in its own immediate transaction
// with the version bump, so a crash mid-migration leaves the previous, consistent schema.
import { MIGRATIONS, type Migration } from './migrations';
import { inImmediateTransaction } from './transaction';
import type { ReadableDB, WritableDB } from './types';

export const schemaVersionOf = (db: ReadableDB): number =>
  db.pragma('user_version', { simple: true }) as number;

/** Throws on a list that is not numbered 1, 2, 3, ... (a programming error). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Applies every migration above the store's version, up to `target`; returns the new version. */
export function migrate(
  db: WritableDB,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.length,
): number {
  checkMigrationList(migrations);
  for (const m of migrations) {
    if (m.version > target) break;
    inImmediateTransaction(db, () => {
      // Re-read inside the lock: another process may have migrated while this one waited.
      if (schemaVersionOf(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${Number(m.version)}`);
    });
  }
  return schemaVersionOf(db);
}
