// Reads of the appeals registry. The record column holds the full appeal; the columns beside it are
// the server-owned fields and the filter keys, and they win over the record.
import { NEW_APPEAL_LIFECYCLE, type Appeal } from '../../shared/domain/appeal';
import { toSummary } from '../../shared/domain/appealSummary';
import { UuidAnyCase } from '../../shared/domain/storable';
import type { ServerAssignedAppealFields } from '../../shared/sync/protocol';
import type { Queryable } from '../db/pool';
import type { AppealListItem, AppealListQuery } from './schemas';

/** An appeals row as APPEAL_COLUMNS selects it. */
export interface AppealRow {
  id: string;
  official_number: string | null;
  status: Appeal['status'];
  result: Appeal['result'];
  version: number;
  updated_at: Date;
  record: Appeal;
}

export const APPEAL_COLUMNS = 'id::text, official_number, status, result, version, updated_at, record';

/**
 * The appeal as the server holds it now: the record with the columns the server changes after the
 * create. With `proof`, an official number carries its proof (what a pull gives a workstation).
 */
export function appealFromRow(
  row: AppealRow,
  // sync/numberProof.ts's NumberProof, named by its shape: sync reads through here, not the reverse.
  proof: { sign(id: string, officialNumber: string): string } | null = null,
): Appeal {
  const assigned: ServerAssignedAppealFields = {
    officialNumber: row.official_number,
    status: row.status,
    result: row.result,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    // A record stored before the lifecycle existed reads as never assigned.
    lifecycle: row.record.lifecycle ?? NEW_APPEAL_LIFECYCLE,
  };
  return {
    ...row.record,
    supplements: row.record.supplements ?? [],
    id: row.id,
    ...assigned,
    // Signed at each read, not stored: a restore keeps the secret, so old proofs stay valid.
    ...(proof === null || row.official_number === null
      ? {}
      : { officialNumberProof: proof.sign(row.id, row.official_number) }),
  };
}

/**
 * The organisation an appeal is assigned to, as SQL: its executor once routed; none while it is
 * registered, when the executor is only the classifier's suggestion (as sync's pull decides).
 */
export const assignedTo = (param: string) => `(executor_id = ${param} AND status <> 'registered')`;

const toListItem = (appeal: Appeal): AppealListItem => ({ ...toSummary(appeal), version: appeal.version });

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(value[0]) &&
      typeof value[1] === 'string' &&
      UuidAnyCase.safeParse(value[1]).success
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // answered as invalid below
  }
  return null;
}

export class BadCursorError extends Error {}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Who reads: an executor account sees only the appeals assigned to its organisation (null: the
 * center's staff, who see every appeal), and `today` is the center's calendar day (overdue is
 * before it).
 */
export interface ReadScope {
  organisationId: string | null;
  today: string;
}

/** Newest first; `nextCursor` continues after the last item (keyset on created_at, id). */
export async function listAppeals(
  db: Queryable,
  query: AppealListQuery,
  scope: ReadScope,
): Promise<{ items: AppealListItem[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (scope.organisationId !== null) add(assignedTo, scope.organisationId);
  if (query.status) add((p) => `status = ${p}`, query.status);
  if (query.type) add((p) => `type = ${p}`, query.type);
  if (query.category) add((p) => `category_id = ${p}`, query.category);
  if (query.executor) add((p) => `executor_id = ${p}`, query.executor);
  if (query.priority !== undefined) add((p) => `priority = ${p}`, query.priority);
  if (query.officialNumber) add((p) => `official_number = ${p}`, query.officialNumber);
  if (query.text) add((p) => `record->>'essence' ILIKE ${p}`, `%${escapeLike(query.text)}%`);
  if (query.overdue !== undefined) {
    add(
      (p) =>
        query.overdue
          ? `(status <> 'closed' AND deadline_on < ${p}::date)`
          : `NOT (status <> 'closed' AND deadline_on < ${p}::date)`,
      scope.today,
    );
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    if (!cursor) throw new BadCursorError('The cursor is not one this server gave out');
    params.push(cursor[0], cursor[1]);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const sql = `SELECT ${APPEAL_COLUMNS}, created_at::text AS cursor_at FROM appeals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
  const rows = await db.query<AppealRow & { cursor_at: string }>(sql, params).then(
    (r) => r.rows,
    (error: unknown) => {
      // 22xxx: the cursor's timestamp has the right shape but is no date (e.g. month 13).
      const code = (error as { code?: unknown }).code;
      if (query.cursor && typeof code === 'string' && code.startsWith('22')) {
        throw new BadCursorError('The cursor is not one this server gave out');
      }
      throw error;
    },
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toListItem(appealFromRow(row))),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

/**
 * The appeal, or null when there is none or the reader may not see it (an executor account and
 * another organisation's appeal): both are the same 404, so an id's existence never leaks.
 */
export async function getAppeal(
  db: Queryable,
  id: string,
  organisationId: string | null,
): Promise<Appeal | null> {
  const { rows } = await db.query<AppealRow>(
    `SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = $1 AND ($2::text IS NULL OR ${assignedTo('$2')})`,
    [id, organisationId],
  );
  return rows[0] ? appealFromRow(rows[0]) : null;
}
