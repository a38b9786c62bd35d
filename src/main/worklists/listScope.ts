// What one work list selects, as SQL conditions on the cached appeals (alias `a`), and the index that
// yields its rows in the list's order. The rules are src/shared/domain/worklists.ts's; this turns
// them into conditions the indexes of local migration 11 answer without a sort or a table scan.
// Pure: tested against the rules directly, and against SQLite's plans in the store tests.
import { appealStatuses, type AppealStatus } from '../../shared/domain/appeal';
import { OPEN_STATUSES, WORK_LISTS, type WorkListId } from '../../shared/domain/worklists';

export interface ListViewer {
  /** The signed-in user (without a server, the configured operator). */
  userId: string;
  /** An executor account's organisation; null for the center's staff. */
  organisationId: string | null;
}

export interface ListFilters {
  executorId: string | null;
  onlyOverdue: boolean;
}

export interface ListClock {
  /** The center's today (YYYY-MM-DD): overdue is a deadline before it. */
  today: string;
  /** Now as toISOString() writes it: callbacks due at or before it are due. */
  now: string;
}

export type ListIndex =
  | 'appeals_operator'
  | 'appeals_worklist_status'
  | 'appeals_worklist_executor'
  | 'appeals_worklist_open'
  | 'appeals_worklist_open_executor'
  | 'appeals_worklist_inbox'
  | 'appeals_callback_due';

export interface ListScope {
  /** Conditions joined with AND; their parameters in order. */
  where: string[];
  params: unknown[];
  /** Newest first (by sort key) instead of priority, deadline, age. */
  newestFirst: boolean;
  /** The index that yields the page in order; null when none does (a list the rules may add later). */
  pageIndex: ListIndex | null;
  /** The index that counts the list without reading appeals. */
  countIndex: ListIndex | null;
  /** Nothing can match (an executor account without an organisation, another executor asked for). */
  empty: boolean;
}

const sameSet = (a: readonly AppealStatus[], b: readonly AppealStatus[]) =>
  a.length === b.length && a.every((s) => b.includes(s));

/** A status from the closed list, written into the SQL so a partial index can be matched. */
const statusLiteral = (status: AppealStatus): string => {
  if (!/^[a-z_]+$/.test(status)) throw new Error(`Not a status: ${status}`);
  return `'${status}'`;
};

export function listScope(
  list: WorkListId,
  viewer: ListViewer,
  filters: ListFilters,
  clock: ListClock,
): ListScope {
  const rule = WORK_LISTS[list];
  const where: string[] = [];
  const params: unknown[] = [];
  let empty = false;
  let kind: 'open' | 'in_work' | 'one' | 'any' | 'several';

  if (sameSet(rule.statuses, OPEN_STATUSES)) {
    kind = 'open';
    where.push('a.is_open = 1');
  } else if (sameSet(rule.statuses, WORK_LISTS.inbox.statuses)) {
    kind = 'in_work';
    where.push('a.in_work = 1');
  } else if (sameSet(rule.statuses, appealStatuses)) {
    kind = 'any';
  } else if (rule.statuses.length === 1) {
    kind = 'one';
    where.push(`a.status = ${statusLiteral(rule.statuses[0]!)}`);
  } else {
    kind = 'several';
    where.push(`a.status IN (${rule.statuses.map(statusLiteral).join(', ')})`);
  }

  if (rule.mine) {
    where.push('a.operator_id = ?');
    params.push(viewer.userId);
  }
  let executor: string | null = filters.executorId;
  if (rule.organisation) {
    if (viewer.organisationId === null) empty = true;
    else if (executor !== null && executor !== viewer.organisationId) empty = true;
    executor = viewer.organisationId;
  }
  if (executor !== null) {
    where.push('a.executor_id = ?');
    params.push(executor);
  }
  if (rule.callbackDue) {
    where.push('(a.next_callback_at IS NULL OR a.next_callback_at <= ?)');
    params.push(clock.now);
  }
  if (filters.onlyOverdue) {
    // Overdue means open: said only where the list's statuses do not (its index need not hold it).
    if (rule.statuses.includes('closed')) where.push('a.is_open = 1');
    where.push('a.deadline_on < ?');
    params.push(clock.today);
  }

  const byExecutor = executor !== null;
  const pageIndex: ListIndex | null = rule.newestFirst
    ? rule.mine
      ? 'appeals_operator'
      : null
    : kind === 'open'
      ? byExecutor
        ? 'appeals_worklist_open_executor'
        : 'appeals_worklist_open'
      : kind === 'in_work'
        ? byExecutor
          ? 'appeals_worklist_inbox'
          : null
        : kind === 'one'
          ? byExecutor
            ? 'appeals_worklist_executor'
            : 'appeals_worklist_status'
          : null;
  // The callbacks' due time is not in the list's index: their own index counts them.
  const countIndex: ListIndex | null =
    rule.callbackDue && kind === 'one' && !byExecutor && !filters.onlyOverdue
      ? 'appeals_callback_due'
      : pageIndex;
  return { where, params, newestFirst: rule.newestFirst === true, pageIndex, countIndex, empty };
}
