// Pull (protocol.ts, "Never skip on pull"). Rows are delivered in (txid, id) order and only when
// their txid is below the xmin of this statement's snapshot: every transaction with a smaller txid
// has ended, so no row can later appear before the returned cursor. An executor account reads the
// same log narrowed to the rows that concern its organisation (migration 053): still in (txid, id)
// order below xmin, so the same guarantee holds for it.
import type { Pool } from 'pg';
import type { Appeal, Consultation } from '../../shared/domain/appeal';
import type { Change, PullResponse } from '../../shared/sync/protocol';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../appeals/repository';
import { holderOf } from '../lifecycle/decide';
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
  /** Whose view: everything (default), or an executor organisation's appeals only. */
  scope?: PullScope;
}

export type PullScope = { kind: 'all' } | { kind: 'organisation'; organisationId: string };

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
  const scope = input.scope ?? { kind: 'all' };
  const found =
    scope.kind === 'all'
      ? await allChanges(pool, input)
      : await organisationChanges(pool, input, scope.organisationId);
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    status: 'ok',
    epoch,
    changes: await loadChanges(pool, proof, page, scope),
    cursor: encodeCursor(last ? { txid: last.txid, id: last.id, stamp: last.stamp } : input.cursor),
    hasMore: found.length > input.limit,
  };
}

const COLUMNS = `c.id::text, c.txid::text, ${STAMP_SQL('c.created_at')}::text AS stamp, c.entity_type, c.entity_id`;

/** The next rows after the cursor (one more than a page, to tell whether more are ready). */
async function allChanges(pool: Pool, input: PullInput): Promise<ChangeRow[]> {
  const { rows } = await pool.query<ChangeRow>(
    `SELECT ${COLUMNS}
       FROM change_log c
      WHERE c.txid < pg_snapshot_xmin(pg_current_snapshot()) AND (c.txid, c.id) > ($1::xid8, $2::bigint)
      ORDER BY c.txid, c.id
      LIMIT $3`,
    [input.cursor.txid, input.cursor.id, input.limit + 1],
  );
  return rows;
}

/**
 * The rows about appeals the organisation holds or was just relieved of, from its two indexes,
 * each read in (txid, id) order up to a page and merged. A row names a holder and a previous one
 * only when they differ, so no row comes from both. One statement: one snapshot, one xmin.
 */
async function organisationChanges(
  pool: Pool,
  input: PullInput,
  organisationId: string,
): Promise<ChangeRow[]> {
  const { rows } = await pool.query<ChangeRow>(
    `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT * FROM (
       (SELECT ${COLUMNS} , c.txid AS t, c.id AS i FROM change_log c, s
         WHERE c.executor_id = $4 AND c.txid < s.xmin AND (c.txid, c.id) > ($1::xid8, $2::bigint)
         ORDER BY c.txid, c.id LIMIT $3)
       UNION ALL
       (SELECT ${COLUMNS} , c.txid AS t, c.id AS i FROM change_log c, s
         WHERE c.previous_executor_id = $4 AND c.txid < s.xmin AND (c.txid, c.id) > ($1::xid8, $2::bigint)
         ORDER BY c.txid, c.id LIMIT $3)
     ) u
     ORDER BY t, i
     LIMIT $3`,
    [input.cursor.txid, input.cursor.id, input.limit + 1, organisationId],
  );
  return rows;
}

/**
 * Each change carries the entity's current full record, so the client sees number, status and
 * version. An organisation sees an appeal while it holds it; a row about one it no longer holds
 * tells it to forget that appeal.
 */
async function loadChanges(
  pool: Pool,
  proof: NumberProof,
  page: ChangeRow[],
  scope: PullScope,
): Promise<Change[]> {
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
      if (!appeal) return [];
      if (scope.kind === 'organisation' && holderOf(appeal) !== scope.organisationId)
        return [{ kind: 'appeal_withdrawn', id: appeal.id }];
      return [{ kind: 'appeal', appeal }];
    }
    // Consultations are the center's own (an executor's rows never name one; this says it again).
    if (scope.kind === 'organisation') return [];
    const consultation = consultations.get(c.entity_id);
    return consultation ? [{ kind: 'consultation', consultation }] : [];
  });
}
