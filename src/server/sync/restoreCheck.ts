// Noticing a restore without being told (protocol.ts, "Restore"). A database restored from a
// backup has lost every change_log row and ledger row written after the backup. A client whose
// cursor names such a row, or whose last acknowledged mutation was such a row, holds what the
// server lost: it must re-sync and re-send. The rows are looked up by key, so the check costs two
// index probes and does not depend on what other clients did since (unlike comparing counters).
import type { Pool, PoolClient } from 'pg';
import { isStart, type CursorPosition } from './cursor';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export interface HeldByClient {
  deviceId: string;
  cursor: CursorPosition | null;
  acknowledgedSeq?: number | null | undefined;
}

/** `created_at` in whole microseconds since the Unix epoch: the cursor's stamp. */
export const STAMP_SQL = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint`;

/** Why the client must re-sync, or null when the server still has everything the client holds. */
export async function lostSinceBackup(db: Queryable, held: HeldByClient): Promise<string | null> {
  const cursor = held.cursor !== null && !isStart(held.cursor) ? held.cursor : null;
  const seq = held.acknowledgedSeq ?? null;
  if (cursor === null && seq === null) return null;
  const { rows } = await db.query<{ change_kept: boolean; ledger_kept: boolean }>(
    `SELECT ($1::bigint IS NULL OR EXISTS (
               SELECT 1 FROM change_log
                WHERE id = $1 AND txid = $2::xid8 AND ($3::bigint IS NULL OR ${STAMP_SQL('created_at')} = $3))
            ) AS change_kept,
            ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM sync_ledger WHERE device_id = $4::uuid AND seq = $5))
              AS ledger_kept`,
    [cursor?.id ?? null, cursor?.txid ?? '0', cursor?.stamp ?? null, held.deviceId, seq],
  );
  const row = rows[0]!;
  if (!row.change_kept)
    return 'The server no longer has the last change this workstation received (its database was restored from a backup): re-sync';
  if (!row.ledger_kept)
    return 'The server no longer has changes this workstation sent (its database was restored from a backup): re-sync and re-send';
  return null;
}
