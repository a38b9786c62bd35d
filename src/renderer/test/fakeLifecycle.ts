// The fake Api's side of issue 12: acting on an appeal, amending it, its history, the work lists,
// the backlog and executor contacts, as main does them (src/main/lifecycle, src/main/worklists).
// A change is checked at once with the shared rules (applyToAppeal, applyAmendment) and against the
// version the user saw, then waits for the server, which decides; the cached appeal changes only
// when the decision comes back, and main announces it. Online, the fake server accepts after
// `decisionDelayMs`; offline, each change waits until a test answers for the server (`settlePending`).
import {
  addDays,
  applyAmendment,
  applyToAppeal,
  DEFAULT_LIFECYCLE_POLICY,
  DUE_SOON_DAYS,
  OPEN_STATUSES,
  toSummary,
  uuidv7,
  WORK_LISTS,
  WORK_LISTS_OF,
  type Appeal,
  type AppealAmendment,
  type BacklogRow,
  type Executor,
  type HistoryEntry,
  type LifecycleAction,
  type WorkListId,
} from '../../shared/domain';
import type { AppInfo, ChannelOutput, PendingChange } from '../../shared/ipc/contract';
import { MUTATION_ROLES, type ChangeRefusal } from '../../shared/sync/protocol';
import type { Role } from '../../shared/sync/auth';
import { fail, ok, type Result } from '../../shared/result';
import type { FakeHandlers } from './fakeApi';

export interface FakeActor {
  id: string;
  name: string;
  role: Role;
  organisationId: string | null;
}

export interface LifecycleContext {
  info: AppInfo;
  today: string;
  appeals: () => Appeal[];
  executors: Executor[];
  actor: () => FakeActor;
  /** A server is configured and answering: changes are decided at once and history is whole. */
  online: () => boolean;
  /** A server is configured at all (without one no registered appeal can be changed). */
  serverConfigured: () => boolean;
  /** Somebody is signed in (with a server). */
  signedIn: () => boolean;
  /** How long the online fake server takes to decide a change. */
  decisionDelayMs: number;
  emit: (event: string, payload: unknown) => void;
}

type LifecycleChannel =
  | 'appeals:state'
  | 'appeals:act'
  | 'appeals:amend'
  | 'appeals:history'
  | 'appeals:dismissPending'
  | 'worklists:list'
  | 'worklists:counts'
  | 'worklists:backlog'
  | 'reference:updateExecutor';

interface Pending extends PendingChange {
  appealId: string;
  /** The appeal as the server will store it when it accepts the change. */
  after: Appeal;
  record: () => void;
}

export interface FakeLifecycle {
  handlers: Pick<FakeHandlers, LifecycleChannel>;
  /** This workstation's changes the server has not decided yet, and refused ones not dismissed. */
  pending: () => readonly PendingChange[];
  /**
   * The server answers the oldest waiting change: accepted (the appeal becomes what it decided), or
   * refused with `refusal` (the appeal stays as it was). main announces the appeal changed either way.
   */
  settlePending: (answer: { refusal: ChangeRefusal; message?: string } | 'accepted') => void;
  /**
   * Somebody else changed the appeal (a new version), announced as sync would; `announce: false`
   * leaves the screen on the version it read, as between two syncs.
   */
  changeElsewhere: (id: string, patch: Partial<Appeal>, options?: { announce?: boolean }) => void;
  history: (id: string) => HistoryEntry[];
}

/** As main's refusals.ts: the error's code says the kind, its one issue the precise refusal. */
const ERROR_CODE_OF: Record<ChangeRefusal, 'forbidden' | 'conflict' | 'invalid_input'> = {
  forbidden: 'forbidden',
  wrong_organisation: 'forbidden',
  not_allowed_now: 'conflict',
  same_executor: 'conflict',
  closed: 'conflict',
  already_assigned: 'conflict',
  stale_version: 'conflict',
  reason_required: 'invalid_input',
  deadline_out_of_range: 'invalid_input',
  too_many_phones: 'invalid_input',
};
const refusedAs = (code: ChangeRefusal, message: string): Result<never> =>
  fail(ERROR_CODE_OF[code], message, [{ path: '', code, message }]);

export const FAKE_MESSAGES = {
  noServer:
    'No central server is configured: it decides every change to a registered appeal, so none can be made here',
  waiting: 'A change to this appeal is still waiting for the server: act again once it has been decided',
};

/** Served order (worklists.ts): benefit holders first, then the nearest deadline, then the oldest. */
const served = (a: Appeal, b: Appeal) =>
  Number(b.priority) - Number(a.priority) ||
  a.deadlineOn.localeCompare(b.deadlineOn) ||
  a.createdAt.localeCompare(b.createdAt);

export function fakeLifecycle(ctx: LifecycleContext): FakeLifecycle {
  const pending: Pending[] = [];
  const histories = new Map<string, HistoryEntry[]>();
  const policy = { ...DEFAULT_LIFECYCLE_POLICY, ruleSet: ctx.info.ruleSet };

  const find = (id: string) => ctx.appeals().find((a) => a.id === id) ?? null;
  const replace = (next: Appeal) => {
    const list = ctx.appeals();
    list[list.findIndex((a) => a.id === next.id)] = next;
  };
  const publicOf = ({ appealId: _a, after: _b, record: _c, ...change }: Pending): PendingChange => change;
  const pendingOf = (id: string): PendingChange[] => pending.filter((p) => p.appealId === id).map(publicOf);
  const waiting = (id: string) => pending.some((p) => p.appealId === id && p.state === 'waiting');

  function historyOf(appeal: Appeal): HistoryEntry[] {
    let entries = histories.get(appeal.id);
    if (!entries) {
      entries = [
        {
          id: `${appeal.id}-created`,
          at: appeal.createdAt,
          user: { id: appeal.operatorId, name: appeal.operatorId, role: 'operator' },
          deviceId: ctx.info.deviceId,
          kind: 'created',
          action: null,
          statusBefore: null,
          statusAfter: 'registered',
          amendment: null,
          version: 1,
        },
      ];
      histories.set(appeal.id, entries);
    }
    return entries;
  }

  function record(
    before: Appeal,
    after: Appeal,
    change: LifecycleAction | AppealAmendment,
    kind: 'transition' | 'amend',
  ) {
    const actor = ctx.actor();
    historyOf(before).push({
      id: uuidv7(),
      at: after.updatedAt,
      user: { id: actor.id, name: actor.name, role: actor.role },
      deviceId: ctx.info.deviceId,
      kind,
      action: kind === 'transition' ? (change as LifecycleAction) : null,
      statusBefore: kind === 'transition' ? before.status : null,
      statusAfter: kind === 'transition' ? after.status : null,
      amendment: kind === 'amend' ? (change as AppealAmendment) : null,
      version: after.version,
    });
  }

  /** Who may change the appeal now, at the version seen (main's checkedTarget). */
  function target(
    type: 'appeal.transition' | 'appeal.amend',
    id: string,
    baseVersion: number,
  ): Result<Appeal> {
    if (!ctx.serverConfigured()) return fail('forbidden', FAKE_MESSAGES.noServer);
    const actor = ctx.actor();
    if (!MUTATION_ROLES[type].includes(actor.role))
      return fail('forbidden', `A ${actor.role} may not make this change`);
    if (!ctx.signedIn()) return fail('unauthorized', 'Sign in first');
    const appeal = find(id);
    if (!appeal) return fail('not_found', `No appeal "${id}"`);
    if (baseVersion !== appeal.version)
      return refusedAs('stale_version', 'The appeal changed since you opened it (someone else acted on it)');
    if (waiting(id)) return fail('conflict', FAKE_MESSAGES.waiting);
    return ok(appeal);
  }

  /** Queues a checked change: the cached appeal is unchanged until the server decides. */
  function queue(appeal: Appeal, after: Appeal, kind: PendingChange['kind'], record: () => void) {
    const change: Pending = {
      mutationId: uuidv7(),
      appealId: appeal.id,
      after,
      record,
      kind,
      createdAt: after.updatedAt,
      state: 'waiting',
      refusal: null,
      message: null,
    };
    pending.push(change);
    queueMicrotask(() => ctx.emit('appeals:changed', { ids: [appeal.id] }));
    if (ctx.online()) setTimeout(() => settle(change, 'accepted'), ctx.decisionDelayMs);
    return ok({ appeal, pending: pendingOf(appeal.id) });
  }

  function settle(change: Pending, answer: { refusal: ChangeRefusal; message?: string } | 'accepted') {
    if (!pending.includes(change) || change.state !== 'waiting') return;
    if (answer === 'accepted') {
      pending.splice(pending.indexOf(change), 1);
      replace(change.after);
      change.record();
    } else {
      change.state = 'rejected';
      change.refusal = answer.refusal;
      change.message = answer.message ?? `Refused: ${answer.refusal}`;
    }
    queueMicrotask(() => ctx.emit('appeals:changed', { ids: [change.appealId] }));
  }

  const bumped = (appeal: Appeal, now: Date): Appeal => ({
    ...appeal,
    version: appeal.version + 1,
    updatedAt: now.toISOString(),
  });

  const visible = (a: Appeal, actor: FakeActor) =>
    actor.role !== 'executor' || a.executorId === actor.organisationId;

  function listOf(list: WorkListId, actor: FakeActor, executorId: string | null, onlyOverdue: boolean) {
    const rule = WORK_LISTS[list];
    const now = new Date().toISOString();
    return ctx
      .appeals()
      .filter((a) => visible(a, actor) && rule.statuses.includes(a.status) && !waiting(a.id))
      .filter((a) => !rule.mine || a.operatorId === actor.id)
      .filter((a) => !rule.organisation || a.executorId === actor.organisationId)
      .filter(
        (a) => !rule.callbackDue || a.lifecycle.nextCallbackAt === null || a.lifecycle.nextCallbackAt <= now,
      )
      .filter((a) => executorId === null || a.executorId === executorId)
      .filter((a) => !onlyOverdue || (a.status !== 'closed' && a.deadlineOn < ctx.today))
      .sort(rule.newestFirst ? (a, b) => b.createdAt.localeCompare(a.createdAt) : served);
  }

  const handlers: Pick<FakeHandlers, LifecycleChannel> = {
    'appeals:state': ({ id }) => {
      const appeal = find(id);
      return appeal ? ok({ appeal, pending: pendingOf(id) }) : fail('not_found', `No appeal ${id}`);
    },
    'appeals:act': ({ id, action, baseVersion }) => {
      const checked = target('appeal.transition', id, baseVersion);
      if (!checked.ok) return checked;
      const appeal = checked.value;
      const actor = ctx.actor();
      const now = new Date();
      const decided = applyToAppeal(appeal, action, actor, { today: ctx.today, now, policy });
      if (!decided.ok) return refusedAs(decided.code, decided.message);
      const after = bumped(decided.appeal, now);
      return queue(appeal, after, action.kind, () => record(appeal, after, action, 'transition'));
    },
    'appeals:amend': ({ id, amendment, baseVersion }) => {
      const checked = target('appeal.amend', id, baseVersion);
      if (!checked.ok) return checked;
      const appeal = checked.value;
      const now = new Date();
      const decided = applyAmendment(appeal, amendment, ctx.actor(), now);
      if (!decided.ok) return refusedAs(decided.code, decided.message);
      const after = bumped(decided.appeal, now);
      return queue(appeal, after, 'amend', () => record(appeal, after, amendment, 'amend'));
    },
    // The server's: offline or without one, main has nothing to show but says so.
    'appeals:history': ({ id }) => {
      const appeal = find(id);
      if (!appeal) return fail('not_found', `No appeal ${id}`);
      return ok(
        ctx.online() ? { complete: true, entries: [...historyOf(appeal)] } : { complete: false, entries: [] },
      );
    },
    'appeals:dismissPending': ({ mutationId }) => {
      const at = pending.findIndex((p) => p.mutationId === mutationId);
      if (at < 0) return fail('not_found', 'No such change');
      if (pending[at]!.state !== 'rejected')
        return fail('conflict', 'A change still waiting for the server cannot be dismissed');
      pending.splice(at, 1);
      return ok({});
    },
    'worklists:list': ({ list, executorId, onlyOverdue, limit, cursor }) => {
      const actor = ctx.actor();
      if (!WORK_LISTS_OF[actor.role].includes(list))
        return fail('forbidden', `Not a list of a ${actor.role}`);
      const rows = listOf(list, actor, executorId, onlyOverdue);
      const start = cursor ? Number(cursor) : 0;
      return ok({
        items: rows.slice(start, start + limit).map(toSummary),
        nextCursor: start + limit < rows.length ? String(start + limit) : null,
        total: rows.length,
      });
    },
    'worklists:counts': () => {
      const actor = ctx.actor();
      return ok({
        counts: WORK_LISTS_OF[actor.role].map((list) => ({
          list,
          total: listOf(list, actor, null, false).length,
        })),
      });
    },
    'worklists:backlog': () => {
      const actor = ctx.actor();
      if (!['team_lead', 'admin', 'analyst'].includes(actor.role))
        return fail('forbidden', `A ${actor.role} does not see the backlog`);
      const soon = addDays(ctx.today, DUE_SOON_DAYS);
      const rows = new Map<string, BacklogRow>();
      for (const a of ctx.appeals()) {
        if (!OPEN_STATUSES.includes(a.status)) continue;
        const row = rows.get(a.executorId) ?? { executorId: a.executorId, open: 0, dueSoon: 0, overdue: 0 };
        row.open += 1;
        if (a.deadlineOn < ctx.today) row.overdue += 1;
        else if (a.deadlineOn <= soon) row.dueSoon += 1;
        rows.set(a.executorId, row);
      }
      return ok({ rows: [...rows.values()], asOf: new Date().toISOString() });
    },
    'reference:updateExecutor': ({ id, contacts }) => {
      if (ctx.actor().role !== 'admin') return fail('forbidden', 'Only an admin edits executor contacts');
      if (!ctx.online())
        return fail('conflict', 'Executor contacts are changed on the server: connect first');
      const at = ctx.executors.findIndex((e) => e.id === id);
      if (at < 0) return fail('not_found', `No executor ${id}`);
      const next: Executor = { ...ctx.executors[at]!, ...contacts };
      ctx.executors[at] = next;
      return ok(next) as Result<ChannelOutput<'reference:updateExecutor'>>;
    },
  };

  return {
    handlers,
    pending: () => pending.map(publicOf),
    settlePending(answer) {
      const change = pending.find((p) => p.state === 'waiting');
      if (!change) throw new Error('Nothing waits for the server');
      settle(change, answer);
    },
    changeElsewhere(id, patch, options = {}) {
      const appeal = find(id);
      if (!appeal) throw new Error(`No appeal ${id}`);
      replace({ ...appeal, ...patch, version: appeal.version + 1, updatedAt: new Date().toISOString() });
      if (options.announce ?? true) queueMicrotask(() => ctx.emit('appeals:changed', { ids: [id] }));
    },
    history: (id) => {
      const appeal = find(id);
      return appeal ? historyOf(appeal) : [];
    },
  };
}
