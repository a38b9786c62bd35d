// Appeal repository: plain functions over a db handle. Reads return whole appeals from the JSON
// record; the columns exist to filter and index. The record is trusted as written: only this code
// writes it, and the cipher authenticates every page.
import {
  addressLine,
  buildingKey,
  NEW_APPEAL_LIFECYCLE,
  type Appeal,
  type AppealStatus,
  type AppealType,
} from '../../shared/domain/appeal';
import type { AppealNumberQuery } from '../../shared/domain/appealNumber';
import type { RepeatCandidate } from '../../shared/domain/repeat';
import { OPEN_STATUSES, WORK_LISTS } from '../../shared/domain/worklists';
import { foldForIndex } from './search';
import { recordSearchTerms } from './searchTerms';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

type RecordRow = { record: string; sortKey: number };
/** A record cached before the lifecycle existed reads as never assigned, with no supplements. */
export function appealOfRecord(record: string): Appeal {
  const appeal = JSON.parse(record) as Appeal;
  if (appeal.lifecycle === undefined) appeal.lifecycle = NEW_APPEAL_LIFECYCLE;
  if (appeal.supplements === undefined) appeal.supplements = [];
  return appeal;
}
const toAppeal = (row: RecordRow): Appeal => appealOfRecord(row.record);

const INSERT_APPEAL = `
  INSERT INTO appeals (sort_key, id, provisional_number, official_number, type, status, result, category_id,
    executor_id, priority, received_on, deadline_on, created_at, updated_at, version, repeat_of, building_key,
    operator_id, next_callback_at, is_open, in_work, record)
  VALUES (@sortKey, @id, @provisionalNumber, @officialNumber, @type, @status, @result, @categoryId,
    @executorId, @priority, @receivedOn, @deadlineOn, @createdAt, @updatedAt, @version, @repeatOf, @buildingKey,
    @operatorId, @nextCallbackAt, @isOpen, @inWork, @record)`;
const INSERT_PHONE = 'INSERT OR IGNORE INTO appeal_phones (phone, appeal_key) VALUES (?, ?)';
const INSERT_FTS = 'INSERT INTO appeals_fts (rowid, essence, applicant, address) VALUES (?, ?, ?, ?)';

/** Writes the row, its phones and its text index entry. Callers own the transaction (and the outbox). */
export function insertAppeal(db: WritableDB, appeal: Appeal, sortKey: number): void {
  prepare(db, INSERT_APPEAL).run({
    sortKey,
    id: appeal.id,
    provisionalNumber: appeal.provisionalNumber,
    officialNumber: appeal.officialNumber,
    type: appeal.type,
    status: appeal.status,
    result: appeal.result,
    categoryId: appeal.categoryId,
    executorId: appeal.executorId,
    priority: appeal.priority ? 1 : 0,
    receivedOn: appeal.receivedOn,
    deadlineOn: appeal.deadlineOn,
    createdAt: appeal.createdAt,
    updatedAt: appeal.updatedAt,
    version: appeal.version,
    repeatOf: appeal.repeatOf,
    buildingKey: buildingKey(appeal.applicant.address),
    operatorId: appeal.operatorId,
    // One form (UTC, milliseconds) so "due now" compares as text.
    nextCallbackAt:
      appeal.lifecycle.nextCallbackAt === null
        ? null
        : new Date(appeal.lifecycle.nextCallbackAt).toISOString(),
    isOpen: OPEN_STATUSES.includes(appeal.status) ? 1 : 0,
    inWork: WORK_LISTS.inbox.statuses.includes(appeal.status) ? 1 : 0,
    record: JSON.stringify(appeal),
  });
  for (const phone of appeal.applicant.phones) prepare(db, INSERT_PHONE).run(phone, sortKey);
  const indexed = [
    foldForIndex(appeal.essence),
    foldForIndex(appeal.applicant.fullName),
    foldForIndex(addressLine(appeal.applicant.address)),
  ];
  prepare(db, INSERT_FTS).run(sortKey, ...indexed);
  recordSearchTerms(db, indexed);
}

/** Removes the row with its phones (cascade) and its text index entry; returns its sort key. */
function removeAppealRow(db: WritableDB, id: string): number | null {
  const row = prepare<{ sortKey: number }>(db, 'SELECT sort_key AS sortKey FROM appeals WHERE id = ?').get(
    id,
  );
  if (!row) return null;
  prepare(db, 'DELETE FROM appeals_fts WHERE rowid = ?').run(row.sortKey);
  prepare(db, 'DELETE FROM appeals WHERE sort_key = ?').run(row.sortKey);
  return row.sortKey;
}

/**
 * Writes `appeal` over the cached one with the same id, every column, phone and indexed word anew
 * (the server changed it: status, executor, deadline, phones, text may all differ). It keeps its
 * place in creation order. Returns false when there is no such appeal.
 */
export function replaceAppeal(db: WritableDB, appeal: Appeal): boolean {
  const sortKey = removeAppealRow(db, appeal.id);
  if (sortKey === null) return false;
  insertAppeal(db, appeal, sortKey);
  return true;
}

/** Forgets a cached appeal and everything that indexes it; false when it was not cached. */
export function deleteAppeal(db: WritableDB, id: string): boolean {
  return removeAppealRow(db, id) !== null;
}

/**
 * The lookups' SQL, exported so tests can check each one's query plan. They name their index: it is
 * always the right one, and planner statistics gathered while the store was small must not turn a
 * lookup made during a call into a scan of a million rows.
 */
export const APPEAL_QUERIES = {
  byPhone: `SELECT a.record, a.sort_key AS sortKey FROM appeal_phones p JOIN appeals a ON a.sort_key = p.appeal_key
    WHERE p.phone = ? ORDER BY p.appeal_key DESC LIMIT ?`,
  openAtBuilding: `SELECT record, sort_key AS sortKey FROM appeals INDEXED BY appeals_open_building
    WHERE building_key = ? AND status <> 'closed' ORDER BY sort_key DESC LIMIT ?`,
  atBuildingOnCategory: `SELECT id, coalesce(official_number, provisional_number) AS number, status, result,
      received_on AS receivedOn, category_id AS categoryId, record ->> '$.applicant.fullName' AS applicantName,
      coalesce(record ->> '$.applicant.iin', '') AS iin, coalesce(record -> '$.applicant.phones', '[]') AS phones,
      record -> '$.applicant.address' AS address
    FROM appeals INDEXED BY appeals_building_category
    WHERE building_key = ? AND category_id = ? ORDER BY sort_key DESC LIMIT ?`,
  byOfficialNumber: `SELECT record, sort_key AS sortKey FROM appeals INDEXED BY appeals_official_number
    WHERE official_number = ?`,
  byProvisionalNumber: `SELECT record, sort_key AS sortKey FROM appeals INDEXED BY appeals_provisional_number
    WHERE provisional_number = ? ORDER BY sort_key DESC`,
} as const;

export function getAppeal(db: ReadableDB, id: string): Appeal | null {
  const row = prepare<RecordRow>(db, 'SELECT record, sort_key AS sortKey FROM appeals WHERE id = ?').get(id);
  return row ? toAppeal(row) : null;
}

export function appealExists(db: ReadableDB, id: string): boolean {
  return prepare(db, 'SELECT 1 FROM appeals WHERE id = ?').get(id) !== undefined;
}

/**
 * The appeal a number names. An official number is unique; a provisional one is unique per device
 * and may repeat across devices with the same four-character tag, so all of them, newest first.
 */
export function appealsByNumber(db: ReadableDB, query: AppealNumberQuery): Appeal[] {
  const sql =
    query.kind === 'official' ? APPEAL_QUERIES.byOfficialNumber : APPEAL_QUERIES.byProvisionalNumber;
  return prepare<RecordRow>(db, sql).all(query.number).map(toAppeal);
}

/** The caller's history: appeals that list this phone (E.164), newest first. */
export function appealsByPhone(db: ReadableDB, phone: string, limit: number): Appeal[] {
  return prepare<RecordRow>(db, APPEAL_QUERIES.byPhone).all(phone, limit).map(toAppeal);
}

/** Appeals not yet closed at a building (see buildingKey()), newest first. */
export function openAppealsAtBuilding(db: ReadableDB, key: string, limit: number): Appeal[] {
  return prepare<RecordRow>(db, APPEAL_QUERIES.openAtBuilding).all(key, limit).map(toAppeal);
}

type CandidateRow = Omit<RepeatCandidate, 'phones' | 'address'> & { phones: string; address: string };

/**
 * Every appeal, open or closed, on one question type at one building: the candidates for a repeat.
 * Only what repeat detection compares is read (SQLite extracts it from the record): at a building
 * with a mass outage that is 200 appeals, and parsing their whole records took 1.23 ms of every
 * save (0.75 ms this way, with 1.3 KB records; more with longer ones).
 */
export function repeatCandidatesAt(
  db: ReadableDB,
  key: string,
  categoryId: string,
  limit: number,
): RepeatCandidate[] {
  return prepare<CandidateRow>(db, APPEAL_QUERIES.atBuildingOnCategory)
    .all(key, categoryId, limit)
    .map((row) => ({
      ...row,
      phones: JSON.parse(row.phones) as string[],
      address: JSON.parse(row.address) as RepeatCandidate['address'],
    }));
}

export interface AppealFilter {
  /** An FTS5 MATCH expression (search.ts, searchTerms.ts), or null for no text condition. */
  match: string | null;
  statuses: readonly AppealStatus[];
  type: AppealType | null;
  categoryId: string | null;
  executorId: string | null;
  phone: string | null;
  /** Open appeals whose deadline is before this date (`YYYY-MM-DD`): overdue today. */
  overdueBefore: string | null;
  onlyPriority: boolean;
  receivedFrom: string | null;
  receivedTo: string | null;
  /** Keyset cursor: only rows with a smaller sort key. */
  before: number | null;
  limit: number;
}

export interface AppealPage {
  appeals: Appeal[];
  /** Sort key of the last row when more rows may follow, else null. */
  lastSortKey: number | null;
}

export function listAppealsQuery(f: AppealFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let onRow = false;
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  /** A condition on the appeal row (`i`) rather than on the key alone. */
  const addOnRow = (condition: string, ...values: unknown[]) => {
    onRow = true;
    add(condition, ...values);
  };
  // With text the FTS index drives, walking its matches newest first.
  const key = f.match !== null ? 'f.rowid' : 'i.sort_key';
  if (f.match !== null) add('f.appeals_fts MATCH ?', f.match);
  if (f.before !== null) add(`${key} < ?`, f.before);
  if (f.statuses.length > 0) addOnRow(`i.status IN (${f.statuses.map(() => '?').join(', ')})`, ...f.statuses);
  if (f.type !== null) addOnRow('i.type = ?', f.type);
  if (f.categoryId !== null) addOnRow('i.category_id = ?', f.categoryId);
  if (f.executorId !== null) addOnRow('i.executor_id = ?', f.executorId);
  if (f.phone !== null)
    addOnRow('i.sort_key IN (SELECT appeal_key FROM appeal_phones WHERE phone = ?)', f.phone);
  if (f.overdueBefore !== null) addOnRow(`i.status <> 'closed' AND i.deadline_on < ?`, f.overdueBefore);
  if (f.onlyPriority) addOnRow('i.priority = 1');
  if (f.receivedFrom !== null) addOnRow('i.received_on >= ?', f.receivedFrom);
  if (f.receivedTo !== null) addOnRow('i.received_on <= ?', f.receivedTo);

  // Overdue appeals can be many and old: the partial index of open deadlines finds them without
  // walking the whole table, unless the text index drives.
  const from =
    f.match !== null
      ? `appeals_fts f${onRow ? ' JOIN appeals i ON i.sort_key = f.rowid' : ''}`
      : f.overdueBefore !== null
        ? 'appeals i INDEXED BY appeals_open_deadline'
        : 'appeals i';
  // Keys first, records after: a filter matching thousands of rows sorts thousands of integers
  // (often straight from an index), and only one page of records is read.
  const sql = `SELECT a.record, a.sort_key AS sortKey FROM appeals a WHERE a.sort_key IN (
      SELECT ${key} FROM ${from}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${key} DESC LIMIT ?
    ) ORDER BY a.sort_key DESC`;
  // One row more than asked tells whether another page exists.
  return { sql, params: [...params, f.limit + 1] };
}

/**
 * Filters combine with AND; rows come newest first. The SQL text depends only on which filters are
 * set (never on their values), so each combination is prepared once.
 */
export function listAppeals(db: ReadableDB, f: AppealFilter): AppealPage {
  const { sql, params } = listAppealsQuery(f);
  const rows = prepare<RecordRow>(db, sql).all(...params);
  const page = rows.slice(0, f.limit);
  return {
    appeals: page.map(toAppeal),
    lastSortKey: rows.length > f.limit ? page[page.length - 1]!.sortKey : null,
  };
}
