// Each role's work lists, their sizes, and the backlog by executor, from the local cache (issue 12,
// item 3). A role sees only its own lists (WORK_LISTS_OF). Without a central server the configured
// operator works alone: their recent appeals are the list there is.
import { toSummary } from '../../shared/domain/appealSummary';
import { addDays, localDateOf } from '../../shared/domain/localDate';
import {
  DUE_SOON_DAYS,
  WORK_LISTS_OF,
  type BacklogRow,
  type WorkListId,
} from '../../shared/domain/worklists';
import type { WorkListPage } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { Role } from '../../shared/sync/auth';
import type { ServiceContext } from '../core/context';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { listScope, type ListClock, type ListViewer } from './listScope';
import { decodeListCursor, encodeListCursor } from './worklistCursor';
import { backlogRows, countList, listPage } from './worklistsRepo';

/** Roles that see the backlog by executor (the contract's `worklists:backlog`). */
export const BACKLOG_ROLES: readonly Role[] = ['analyst', 'team_lead', 'admin'];

interface Viewer extends ListViewer {
  role: Role;
}

function viewerOf(ctx: ServiceContext): Result<Viewer> {
  const who = ctx.signer();
  switch (who.kind) {
    case 'signed_in':
      return ok({
        role: who.user.role,
        userId: who.user.id,
        organisationId: who.user.organisationId ?? null,
      });
    case 'no_server':
      return ok({ role: 'operator', userId: ctx.operator().id, organisationId: null });
    case 'signed_out':
      return fail('unauthorized', 'Sign in first: the work lists are the signed-in role’s');
    default:
      return fail('internal', 'Unknown signer');
  }
}

function clockOf(ctx: ServiceContext): ListClock {
  const now = ctx.clock();
  return { today: localDateOf(now, ctx.config.center.timeZone), now: now.toISOString() };
}

const notYours = (role: Role, list: WorkListId) =>
  fail('forbidden', `The ${list.replaceAll('_', ' ')} list is not a ${role.replace('_', ' ')}'s`);

export function listWorkList(
  ctx: ServiceContext,
  q: {
    list: WorkListId;
    executorId: string | null;
    onlyOverdue: boolean;
    limit: number;
    cursor: string | null;
  },
): Result<WorkListPage> {
  const viewer = viewerOf(ctx);
  if (!viewer.ok) return viewer;
  if (!WORK_LISTS_OF[viewer.value.role].includes(q.list)) return notYours(viewer.value.role, q.list);
  const scope = listScope(q.list, viewer.value, q, clockOf(ctx));
  let after: Parameters<typeof listPage>[2] = null;
  if (q.cursor !== null) {
    const sortKey = scope.newestFirst ? decodeCursor(q.cursor) : null;
    after = scope.newestFirst ? (sortKey === null ? null : { sortKey }) : decodeListCursor(q.cursor);
    if (after === null) {
      const message = 'Not a cursor from a previous page of this list';
      return fail('invalid_input', message, [{ path: 'cursor', code: 'invalid', message }]);
    }
  }
  const page = listPage(ctx.db, scope, after, q.limit);
  const last = page.rows[page.rows.length - 1];
  const nextCursor =
    page.more && last
      ? scope.newestFirst
        ? encodeCursor(last.position.sortKey)
        : encodeListCursor(last.position)
      : null;
  return ok({
    items: page.rows.map((r) => toSummary(r.appeal)),
    nextCursor,
    total: countList(ctx.db, scope),
  });
}

export function workListCounts(
  ctx: ServiceContext,
): Result<{ counts: { list: WorkListId; total: number }[] }> {
  const viewer = viewerOf(ctx);
  if (!viewer.ok) return viewer;
  const clock = clockOf(ctx);
  const filters = { executorId: null, onlyOverdue: false };
  return ok({
    counts: WORK_LISTS_OF[viewer.value.role].map((list) => ({
      list,
      total: countList(ctx.db, listScope(list, viewer.value, filters, clock)),
    })),
  });
}

export function backlog(ctx: ServiceContext): Result<{ rows: BacklogRow[]; asOf: string }> {
  const viewer = viewerOf(ctx);
  if (!viewer.ok) return viewer;
  if (!BACKLOG_ROLES.includes(viewer.value.role))
    return fail('forbidden', `The backlog by executor is not a ${viewer.value.role.replace('_', ' ')}'s`);
  const { today, now } = clockOf(ctx);
  return ok({ rows: backlogRows(ctx.db, today, addDays(today, DUE_SOON_DAYS)), asOf: now });
}
