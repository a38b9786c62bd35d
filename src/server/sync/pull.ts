// Pull (protocol.ts, "Never skip on pull"). Rows are delivered in (txid, id) order and only when
// their txid is below the xmin of this statement's snapshot: every transaction with a smaller txid
// has ended, so no row can later appear before the returned cursor.
import type { Pool } from 'pg';
import type { Appeal, Consultation } from '../../shared/domain/appeal';
import type { Change, PullResponse } from '../../shared/sync/protocol';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../appeals/repository';
import { encodeCursor, type CursorPosition } from './cursor';
import type { NumberProof } from './numberProof';
import { currentEpoch } from './epoch';
import { lostSinceBackup, STAMP_SQL } from './restoreCheck';

export interface PullInput {
  deviceId: string;
  epoch: string | null;
  cursor: CursorPosition;
  acknowledgedSeq?: number | null | undefined;
  limit: number;
}

interface ChangeRow {
  id: string;
  txid: string;
  stamp: string;
  entity_type: 'appeal' | 'consultation';
  entity_id: string;
}

export async function pull(pool: Pool, proof: NumberProof, input: PullInput): Promise<PullResponse> {
  const epoch = await currentEpoch(pool);
  if (input.epoch !== null && input.epoch !== epoch) {
    return {
      status: 'resync',
      epoch,
      reason: 'The server database was replaced (new epoch): re-sync from scratch',
    };
  }
  const lost = await lostSinceBackup(pool, input);
  if (lost !== null) return { status: 'resync', epoch, reason: lost };
  // The lost-row check above also covers a cursor ahead of the transaction counter (a file-level
  // restore): the row it names cannot exist.
  const { rows: found } = await pool.query<ChangeRow>(
    `SELECT c.id::text, c.txid::text, ${STAMP_SQL('c.created_at')}::text AS stamp, c.entity_type, c.entity_id
       FROM change_log c
      WHERE c.txid < pg_snapshot_xmin(pg_current_snapshot()) AND (c.txid, c.id) > ($1::xid8, $2::bigint)
      ORDER BY c.txid, c.id
      LIMIT $3`,
    [input.cursor.txid, input.cursor.id, input.limit + 1],
  );
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    status: 'ok',
    epoch,
    changes: await loadChanges(pool, proof, page),
    cursor: encodeCursor(last ? { txid: last.txid, id: last.id, stamp: last.stamp } : input.cursor),
    hasMore: found.length > input.limit,
  };
}

/** Each change carries the entity's current full record, so the client sees number, status and version. */
async function loadChanges(pool: Pool, proof: NumberProof, page: ChangeRow[]): Promise<Change[]> {
  const appealIds = [...new Set(page.filter((c) => c.entity_type === 'appeal').map((c) => c.entity_id))];
  const consultationIds = [
    ...new Set(page.filter((c) => c.entity_type === 'consultation').map((c) => c.entity_id)),
  ];
  const appeals = new Map<string, Appeal>();
  const consultations = new Map<string, Consultation>();
  if (appealIds.length > 0) {
    const r = await pool.query<AppealRow>(
      `SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ANY($1::uuid[])`,
      [appealIds],
    );
    for (const row of r.rows) appeals.set(row.id, appealFromRow(row, proof));
  }
  if (consultationIds.length > 0) {
    const r = await pool.query<{ id: string; record: Consultation }>(
      'SELECT id::text, record FROM consultations WHERE id = ANY($1::uuid[])',
      [consultationIds],
    );
    for (const row of r.rows) consultations.set(row.id, row.record);
  }
  return page.flatMap((c): Change[] => {
    if (c.entity_type === 'appeal') {
      const appeal = appeals.get(c.entity_id);
      return appeal ? [{ kind: 'appeal', appeal }] : [];
    }
    const consultation = consultations.get(c.entity_id);
    return consultation ? [{ kind: 'consultation', consultation }] : [];
  });
}
