// Work lists read from the cached appeals (listScope.ts says what each selects and which index
// answers it). A list leaves out appeals on which a lifecycle step made here waits for the server:
// the user has acted on them; a refused step brings the appeal back.
import type { Appeal } from '../../shared/domain/appeal';
import type { BacklogRow } from '../../shared/domain/worklists';
import { appealOfRecord } from '../appeals';
import { prepare } from '../core/db/statements';
import type { ReadableDB } from '../core/db/types';
import type { ListScope } from './listScope';
import type { ListPosition } from './worklistCursor';

/** A step made here on the appeal waits for the server, or for the pull of the state it decided. */
const WAITING_ON = (appeal: string) => `(EXISTS (SELECT 1 FROM outbox o
    WHERE o.entity_type = 'appeal_transition' AND o.entity_id = ${appeal}.id)
  OR EXISTS (SELECT 1 FROM appeal_changes_applied c
    WHERE c.appeal_id = ${appeal}.id AND c.entity_type = 'appeal_transition' AND c.base_version >= ${appeal}.version))`;
const NOT_WAITING = `NOT ${WAITING_ON('a')}`;

interface PageRow {
  record: string;
  sortKey: number;
  priority: 0 | 1;
  deadlineOn: string;
}

export interface ListedAppeal {
  appeal: Appeal;
  position: ListPosition;
}

export interface ListPage {
  rows: ListedAppeal[];
  /** More rows follow the last one. */
  more: boolean;
}

const from = (scope: ListScope) =>
  `appeals a${scope.pageIndex === null ? '' : ` INDEXED BY ${scope.pageIndex}`}`;
const conditions = (where: readonly string[]) => where.join(' AND ');
const toListed = (row: PageRow): ListedAppeal => ({
  appeal: appealOfRecord(row.record),
  position: { priority: row.priority, deadlineOn: row.deadlineOn, sortKey: row.sortKey },
});
const SELECT = 'SELECT a.record, a.sort_key AS sortKey, a.priority, a.deadline_on AS deadlineOn';

/** The SQL of one run of equal priority (after a position, or from its start); exported for plan tests. */
export function priorityRunSql(scope: ListScope, afterPosition: boolean): string {
  const where = [...scope.where, 'a.priority = ?'];
  if (afterPosition) where.push('(a.deadline_on, a.sort_key) > (?, ?)');
  return `${SELECT} FROM ${from(scope)} WHERE ${conditions(where)} AND ${NOT_WAITING}
    ORDER BY a.deadline_on, a.sort_key LIMIT ?`;
}

/** The SQL of a newest-first page (after a sort key, or from the newest). */
export function newestFirstSql(scope: ListScope, afterKey: boolean): string {
  const where = [...scope.where, ...(afterKey ? ['a.sort_key < ?'] : []), NOT_WAITING];
  return `${SELECT} FROM ${from(scope)} WHERE ${conditions(where)} ORDER BY a.sort_key DESC LIMIT ?`;
}

/** The SQL that counts the whole list from its count index. */
export function countSql(scope: ListScope): string {
  const index = scope.countIndex === null ? '' : ` INDEXED BY ${scope.countIndex}`;
  return `SELECT count(*) AS n FROM appeals a${index} WHERE ${conditions(scope.where) || '1'}`;
}

/** One run of equal priority after `after` (or from its start): a range of the list's index. */
function priorityRun(
  db: ReadableDB,
  scope: ListScope,
  priority: 0 | 1,
  after: ListPosition | null,
  limit: number,
): PageRow[] {
  const params = [...scope.params, priority];
  if (after !== null) params.push(after.deadlineOn, after.sortKey);
  return prepare<PageRow>(db, priorityRunSql(scope, after !== null)).all(...params, limit);
}

/**
 * One page: benefit holders first, then the nearest deadline, then the oldest (or newest first for
 * the user's own appeals). Priority takes two values, so a page is at most two index ranges.
 */
export function listPage(
  db: ReadableDB,
  scope: ListScope,
  after: ListPosition | { sortKey: number } | null,
  limit: number,
): ListPage {
  if (scope.empty) return { rows: [], more: false };
  let rows: PageRow[];
  if (scope.newestFirst) {
    const params = [...scope.params, ...(after !== null ? [after.sortKey] : [])];
    rows = prepare<PageRow>(db, newestFirstSql(scope, after !== null)).all(...params, limit + 1);
  } else {
    const position = after !== null && 'priority' in after ? after : null;
    const startPriority = position?.priority ?? 1;
    rows = priorityRun(db, scope, startPriority, position, limit + 1);
    if (startPriority === 1 && rows.length <= limit)
      rows = rows.concat(priorityRun(db, scope, 0, null, limit + 1 - rows.length));
  }
  return { rows: rows.slice(0, limit).map(toListed), more: rows.length > limit };
}

/** All appeals in the list, less those a step made here waits on. */
export function countList(db: ReadableDB, scope: ListScope): number {
  if (scope.empty) return 0;
  const { n: all } = prepare<{ n: number }>(db, countSql(scope)).get(...scope.params)!;
  if (all === 0) return 0;
  // The steps waiting are few: the appeals they name are looked up one by one.
  const { n: waiting } = prepare<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM appeals a
     WHERE a.id IN (SELECT entity_id FROM outbox WHERE entity_type = 'appeal_transition'
                    UNION SELECT appeal_id FROM appeal_changes_applied WHERE entity_type = 'appeal_transition')
       AND ${WAITING_ON('a')} AND ${conditions(scope.where) || '1'}`,
  ).get(...scope.params)!;
  return all - waiting;
}

/**
 * Open appeals by executor: how many, how many due within `dueSoonUntil` (from today on), how many
 * overdue (deadline before today); most overdue first. Read from one index, without the appeals.
 */
export const BACKLOG_SQL = `SELECT a.executor_id AS executorId, count(*) AS open,
    coalesce(sum(a.deadline_on >= ? AND a.deadline_on <= ?), 0) AS dueSoon,
    coalesce(sum(a.deadline_on < ?), 0) AS overdue
  FROM appeals a INDEXED BY appeals_worklist_open_executor WHERE a.is_open = 1
  GROUP BY a.executor_id ORDER BY overdue DESC, dueSoon DESC, open DESC, executorId`;

export function backlogRows(db: ReadableDB, today: string, dueSoonUntil: string): BacklogRow[] {
  return prepare<BacklogRow>(db, BACKLOG_SQL).all(today, dueSoonUntil, today);
}
