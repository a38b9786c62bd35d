// The work lists as SQL: which appeals each list holds for the signed-in user (WORK_LISTS in
// src/shared/domain/worklists.ts), in the order the law and the centers' practice ask for, one
// keyset page at a time with the list's size.
import { appealStatuses, type AppealStatus } from '../../shared/domain/appeal';
import type { LocalDate } from '../../shared/domain/localDate';
import type { SessionUser } from '../../shared/sync/auth';
import { WORK_LISTS, type WorkListId } from '../../shared/domain/worklists';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../appeals/repository';
import type { Queryable } from '../db/pool';
import { BadCursorError, decodeKey, encodeKey, RecentKey, UrgentKey } from './cursor';
import type { WorkListHttpQuery, WorkListResponse } from './schemas';
import { toSummary } from '../../shared/domain/appealSummary';

export interface WorkListRequest {
  list: WorkListId;
  user: SessionUser;
  query: WorkListHttpQuery;
  /** The center's calendar day (overdue is a deadline before it) and the clock (callbacks due). */
  today: LocalDate;
  now: Date;
}

class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  /** Adds a clause whose `$` placeholders are numbered from the given values, in order. */
  add(sql: string, ...values: unknown[]): void {
    let i = 0;
    this.clauses.push(
      sql.replace(/\$(?=\W|$)/g, () => {
        this.params.push(values[i++]);
        return `$${this.params.length}`;
      }),
    );
  }
  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

const OPEN: readonly AppealStatus[] = appealStatuses.filter((s) => s !== 'closed');

/**
 * Statuses as SQL literals, not parameters: the planner picks a list's partial index (migration
 * 052) only when the query's WHERE implies the index's predicate. They come from WORK_LISTS, and
 * each is checked to be a status before it is written into SQL.
 */
function statusClause(statuses: readonly AppealStatus[]): string {
  const literal = (s: AppealStatus) => {
    if (!appealStatuses.includes(s)) throw new Error(`Not a status: ${String(s)}`);
    return `'${s}'`;
  };
  if (statuses.length === OPEN.length && OPEN.every((s) => statuses.includes(s))) return `status <> 'closed'`;
  if (statuses.length === 1) return `status = ${literal(statuses[0]!)}`;
  return `status IN (${statuses.map(literal).join(', ')})`;
}

/**
 * The filter of `list` for `user`, without the cursor. An executor account sees only its own
 * organisation's appeals, whatever the list (it has only `inbox`, but the rule holds everywhere).
 */
function listFilter({ list, user, query, today, now }: WorkListRequest): Where {
  const rule = WORK_LISTS[list];
  const where = new Where();
  if (rule.statuses.length < appealStatuses.length) where.add(statusClause(rule.statuses));
  if (rule.mine) where.add('operator_id = $', user.id);
  if (rule.organisation || user.role === 'executor') where.add('executor_id = $', user.organisationId ?? '');
  // A registered appeal's executor is only the classifier's suggestion: not yet the organisation's.
  if (user.role === 'executor') where.add(`status <> 'registered'`);
  if (rule.callbackDue) where.add('(next_callback_at IS NULL OR next_callback_at <= $)', now);
  if (query.executorId !== undefined) where.add('executor_id = $', query.executorId);
  if (query.onlyOverdue) where.add(`status <> 'closed' AND deadline_on < $::date`, today);
  return where;
}

type KeyedRow = AppealRow & { created_json: string; priority_key: boolean; deadline_key: string };

export type WorkListPage = Omit<WorkListResponse, 'total'>;

/** One page of the list after the request's cursor, in the list's order. */
export async function readWorkListPage(db: Queryable, request: WorkListRequest): Promise<WorkListPage> {
  const { list, query } = request;
  const newestFirst = WORK_LISTS[list].newestFirst === true;
  const paged = listFilter(request);
  if (query.cursor !== undefined) {
    if (newestFirst) {
      const [at, id] = decodeKey(RecentKey, query.cursor);
      paged.add('(created_at, id) < ($::timestamptz, $::uuid)', at, id);
    } else {
      const [priority, deadline, at, id] = decodeKey(UrgentKey, query.cursor);
      // priority DESC then the rest ascending: the rows after a priority row are the remaining
      // priority rows and then every other one; after a plain row, only plain rows.
      const rest = '(deadline_on, created_at, id) > ($::date, $::timestamptz, $::uuid)';
      if (priority) paged.add(`(NOT priority OR (priority AND ${rest}))`, deadline, at, id);
      else paged.add(`NOT priority AND ${rest}`, deadline, at, id);
    }
  }
  const order = newestFirst
    ? 'created_at DESC, id DESC'
    : 'priority DESC, deadline_on ASC, created_at ASC, id ASC';
  paged.params.push(query.limit + 1);
  const rows = await db
    .query<KeyedRow>(
      `SELECT ${APPEAL_COLUMNS}, to_json(created_at)#>>'{}' AS created_json,
         priority AS priority_key, deadline_on::text AS deadline_key
         FROM appeals ${paged.sql()} ORDER BY ${order} LIMIT $${paged.params.length}`,
      paged.params,
    )
    .then((r) => r.rows, cursorError(query.cursor));
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const appeal = appealFromRow(row);
      return { ...toSummary(appeal), version: appeal.version };
    }),
    nextCursor:
      rows.length > query.limit && last
        ? encodeKey(
            newestFirst
              ? [last.created_json, last.id]
              : [last.priority_key, last.deadline_key, last.created_json, last.id],
          )
        : null,
  };
}

/** Every appeal in the list with the request's filters (the cursor aside). */
export async function countWorkList(db: Queryable, request: WorkListRequest): Promise<number> {
  const where = listFilter(request);
  const { rows } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM appeals ${where.sql()}`,
    where.params,
  );
  return rows[0]!.total;
}

/** 22xxx: a cursor of the right shape whose date is no date (month 13) is the caller's mistake. */
const cursorError = (cursor: string | undefined) => (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  if (cursor !== undefined && typeof code === 'string' && code.startsWith('22')) throw new BadCursorError();
  throw error;
};
