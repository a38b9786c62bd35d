// The server epoch (protocol.ts, "Epoch"): renewed after a database restore so that clients holding
// the old one re-sync from scratch.
import type { Pool, PoolClient } from 'pg';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export async function currentEpoch(db: Queryable): Promise<string> {
  const r = await db.query<{ epoch: string }>('SELECT epoch FROM server_epoch WHERE singleton');
  const row = r.rows[0];
  if (!row) throw new Error('server_epoch has no row: migration 010 did not run');
  return row.epoch;
}

/** Numbers skipped in every registration sequence by the restore procedure (see migration 021). */
export const RESTORE_NUMBER_GAP = 1000;

/** Run after restoring the database from a backup. Returns the new epoch. */
export async function rotateEpoch(db: Queryable): Promise<string> {
  await db.query('SELECT advance_registration_sequences($1)', [RESTORE_NUMBER_GAP]);
  const r = await db.query<{ epoch: string }>(
    `UPDATE server_epoch SET epoch = gen_random_uuid()::text, rotated_at = now() WHERE singleton
     RETURNING epoch`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('server_epoch has no row: migration 010 did not run');
  return row.epoch;
}

/**
 * The command-line hook for `npm run server -- --rotate-epoch`: true when it handled the arguments
 * (the caller then exits instead of serving).
 */
export async function runSyncCommand(argv: readonly string[], db: Queryable): Promise<boolean> {
  if (!argv.includes('--rotate-epoch')) return false;
  const epoch = await rotateEpoch(db);
  console.info(
    `Server epoch rotated to ${epoch}: workstations will re-sync from scratch; registration numbers skip ${RESTORE_NUMBER_GAP}.`,
  );
  return true;
}
