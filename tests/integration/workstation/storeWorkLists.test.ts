// Work lists from the local cache (issue 12): each list in its order (benefit holders first, the
// nearest deadline, the oldest), paged by keyset across the priority boundary, counted, leaving out
// appeals a step made here waits on, and each served by its index without a sort (EXPLAIN QUERY
// PLAN), so the first page and the count stay fast at a million appeals. Also migration 011, and
// what a pull does to the cache: a newer version replaces the appeal, a withdrawal forgets it.
import Database from 'better-sqlite3-multiple-ciphers';
import { appealsByPhone, getAppeal } from '../../../src/main/appeals/appealsRepo';
import { toSummary } from '../../../src/shared/domain/appealSummary';
import { enqueueMutation } from '../../../src/main/core/db/outbox';
import { migrate } from '../../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import type { WritableDB } from '../../../src/main/core/db/types';
import {
  deleteMutation,
  holdAppliedChange,
  rejectMutation,
  upsertPulledAppeal,
  withdrawPulledAppeal,
} from '../../../src/main/sync/syncRepo';
import { listScope, type ListFilters, type ListViewer } from '../../../src/main/worklists/listScope';
import {
  BACKLOG_SQL,
  backlogRows,
  countList,
  countSql,
  listPage,
  newestFirstSql,
  priorityRunSql,
} from '../../../src/main/worklists/worklistsRepo';
import { pendingChangesOf } from '../../../src/main/lifecycle/pendingRepo';
import { NEW_APPEAL_LIFECYCLE, type Appeal } from '../../../src/shared/domain/appeal';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { workListIds, WORK_LISTS, type WorkListId } from '../../../src/shared/domain/worklists';
import { storedAppeal } from '../../../src/renderer/test/fixtures';
import { draftInput } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const analyst: ListViewer = { userId: 'u-analyst', organisationId: null };
const executor: ListViewer = { userId: 'u-exec', organisationId: 'e-teplo' };
const noFilters: ListFilters = { executorId: null, onlyOverdue: false };
const clock = { today: '2026-10-20', now: '2026-10-20T09:00:00.000Z' };

const fresh = (): WritableDB => {
  const db = new Database(':memory:') as WritableDB;
  migrate(db);
  return db;
};

let n = 0;
/** An appeal as a pull brings it; created a minute after the one before. */
function pulled(db: WritableDB, over: Partial<Appeal> = {}): Appeal {
  n++;
  const createdAt = new Date(Date.parse('2026-10-01T09:00:00.000Z') + n * 60_000).toISOString();
  const appeal = storedAppeal({
    id: uuidv7(Date.parse(createdAt)),
    provisionalNumber: `P-TEST-${String(n).padStart(6, '0')}`,
    officialNumber: `1551-2026-${String(n).padStart(6, '0')}`,
    status: 'registered',
    createdAt,
    updatedAt: createdAt,
    ...over,
  });
  upsertPulledAppeal(db, appeal);
  return appeal;
}

const ids = (appeals: readonly Appeal[]) => appeals.map((a) => a.id);

/** Every page of a list, following its cursors. */
function walk(db: WritableDB, list: WorkListId, viewer: ListViewer, limit: number, filters = noFilters) {
  const scope = listScope(list, viewer, filters, clock);
  const seen: string[] = [];
  let after: Parameters<typeof listPage>[2] = null;
  let pages = 0;
  for (;;) {
    const page = listPage(db, scope, after, limit);
    pages++;
    seen.push(...page.rows.map((r) => r.appeal.id));
    if (!page.more) return { seen, pages, total: countList(db, scope) };
    const last = page.rows[page.rows.length - 1]!.position;
    after = scope.newestFirst ? { sortKey: last.sortKey } : last;
  }
}

describe('A work list from the cache', () => {
  it('puts benefit holders first, then the nearest deadline, then the oldest, page after page', () => {
    const db = fresh();
    const late = pulled(db, { deadlineOn: '2026-11-30' });
    const soonOld = pulled(db, { deadlineOn: '2026-10-25' });
    const soonNew = pulled(db, { deadlineOn: '2026-10-25' });
    const veteranLate = pulled(db, { deadlineOn: '2026-11-29', priority: true });
    const veteranSoon = pulled(db, { deadlineOn: '2026-10-22', priority: true });
    pulled(db, { status: 'assigned' });
    pulled(db, { status: 'closed', result: 'done' });
    const expected = ids([veteranSoon, veteranLate, soonOld, soonNew, late]);
    for (const limit of [1, 2, 3, 10]) {
      const { seen, total } = walk(db, 'to_assign', analyst, limit);
      expect(seen, `pages of ${limit}`).toEqual(expected);
      expect(total).toBe(5);
    }
  });

  it('leaves out an appeal a step made here waits on, and brings it back when the server refuses it', () => {
    const db = fresh();
    const acted = pulled(db);
    const other = pulled(db);
    const seq = enqueueMutation(db, {
      entityType: 'appeal_transition',
      entityId: acted.id,
      op: 'change',
      payload: { action: { kind: 'assign', executorId: 'e-teplo' }, baseVersion: 1 },
      createdAt: '2026-10-20T08:00:00.000Z',
      authorId: 'u-analyst',
    });
    // An amendment does not move the appeal out of its list.
    enqueueMutation(db, {
      entityType: 'appeal_amend',
      entityId: other.id,
      op: 'change',
      payload: { amendment: { supplement: 'More' }, baseVersion: 1 },
      createdAt: '2026-10-20T08:00:00.000Z',
      authorId: 'u-analyst',
    });
    expect(walk(db, 'to_assign', analyst, 10)).toMatchObject({ seen: [other.id], total: 1 });
    expect(pendingChangesOf(db, acted.id)).toEqual([
      expect.objectContaining({ kind: 'assign', state: 'waiting', refusal: null }),
    ]);
    rejectMutation(db, seq, 'conflict', 'Someone acted first', '2026-10-20T08:01:00.000Z', 'stale_version');
    expect(walk(db, 'to_assign', analyst, 10)).toMatchObject({ seen: [acted.id, other.id], total: 2 });
    expect(pendingChangesOf(db, acted.id)).toEqual([
      {
        mutationId: expect.any(String),
        kind: 'assign',
        createdAt: '2026-10-20T08:00:00.000Z',
        state: 'rejected',
        refusal: 'stale_version',
        message: 'Someone acted first',
      },
    ]);
  });

  it('keeps a step the server applied out of the list, and waiting, until the pull brings its outcome', () => {
    const db = fresh();
    const acted = pulled(db);
    const seq = enqueueMutation(db, {
      entityType: 'appeal_transition',
      entityId: acted.id,
      op: 'change',
      payload: { action: { kind: 'assign', executorId: 'e-teplo' }, baseVersion: 1 },
      createdAt: '2026-10-20T08:00:00.000Z',
      authorId: 'u-analyst',
    });
    holdAppliedChange(db, seq);
    deleteMutation(db, seq);
    expect(walk(db, 'to_assign', analyst, 10)).toMatchObject({ seen: [], total: 0 });
    expect(pendingChangesOf(db, acted.id)).toEqual([
      expect.objectContaining({ kind: 'assign', state: 'waiting' }),
    ]);
    // The same version again (a pull of an older page) changes nothing.
    upsertPulledAppeal(db, acted);
    expect(pendingChangesOf(db, acted.id)).toHaveLength(1);
    upsertPulledAppeal(db, { ...acted, version: 2, status: 'assigned', executorId: 'e-teplo' });
    expect(pendingChangesOf(db, acted.id)).toEqual([]);
    expect(walk(db, 'open', analyst, 10)).toMatchObject({ seen: [acted.id], total: 1 });
    expect(db.prepare('SELECT count(*) FROM appeal_changes_applied').pluck().get()).toBe(0);
  });

  it('lists callbacks due now: never scheduled, or scheduled in the past', () => {
    const db = fresh();
    const awaiting = { status: 'awaiting_applicant_check' as const };
    const never = pulled(db, awaiting);
    const past = pulled(db, {
      ...awaiting,
      lifecycle: { ...storedAppeal().lifecycle, nextCallbackAt: '2026-10-20T10:00:00+03:00' },
    });
    pulled(db, {
      ...awaiting,
      lifecycle: { ...storedAppeal().lifecycle, nextCallbackAt: '2026-10-20T13:00:00+03:00' },
    });
    expect(walk(db, 'to_call_back', analyst, 10)).toMatchObject({ seen: [never.id, past.id], total: 2 });
  });

  it("shows an executor only its organisation's appeals in work, and the user's own appeals newest first", () => {
    const db = fresh();
    const mine = pulled(db, { status: 'assigned', executorId: 'e-teplo', operatorId: 'u-exec' });
    const rework = pulled(db, { status: 'rework', executorId: 'e-teplo' });
    pulled(db, { status: 'assigned', executorId: 'e-other' });
    pulled(db, { status: 'awaiting_control_check', executorId: 'e-teplo' });
    const closed = pulled(db, { status: 'closed', result: 'done', operatorId: 'u-exec' });
    expect(walk(db, 'inbox', executor, 1)).toMatchObject({ seen: [mine.id, rework.id], total: 2 });
    expect(walk(db, 'my_recent', executor, 1)).toMatchObject({ seen: [closed.id, mine.id], total: 2 });
  });

  it('narrows to overdue appeals, and to one executor', () => {
    const db = fresh();
    const overdue = pulled(db, { deadlineOn: '2026-10-19', executorId: 'e-a' });
    pulled(db, { deadlineOn: '2026-10-20', executorId: 'e-a' });
    const other = pulled(db, { deadlineOn: '2026-10-21', executorId: 'e-b' });
    const filters = (f: Partial<ListFilters>) => ({ ...noFilters, ...f });
    expect(walk(db, 'open', analyst, 5, filters({ onlyOverdue: true })).seen).toEqual([overdue.id]);
    expect(walk(db, 'open', analyst, 5, filters({ executorId: 'e-b' })).seen).toEqual([other.id]);
  });

  it('counts the backlog by executor: open, due within three days, overdue', () => {
    const db = fresh();
    pulled(db, { executorId: 'e-a', deadlineOn: '2026-10-10' });
    pulled(db, { executorId: 'e-a', deadlineOn: '2026-10-20', status: 'assigned' });
    pulled(db, { executorId: 'e-a', deadlineOn: '2026-10-23', status: 'rework' });
    pulled(db, { executorId: 'e-a', deadlineOn: '2026-10-24' });
    pulled(db, { executorId: 'e-a', deadlineOn: '2026-10-01', status: 'closed', result: 'done' });
    pulled(db, { executorId: 'e-b', deadlineOn: '2026-12-01' });
    expect(backlogRows(db, '2026-10-20', '2026-10-23')).toEqual([
      { executorId: 'e-a', open: 4, dueSoon: 2, overdue: 1 },
      { executorId: 'e-b', open: 1, dueSoon: 0, overdue: 0 },
    ]);
  });
});

describe('Each work list is read from its index', () => {
  const db = fresh();
  const plan = (sql: string, params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
  const cases: [WorkListId, ListViewer, ListFilters][] = [
    ...workListIds.map((list): [WorkListId, ListViewer, ListFilters] => [
      list,
      WORK_LISTS[list].organisation ? executor : analyst,
      noFilters,
    ]),
    ['open', analyst, { executorId: 'e-a', onlyOverdue: false }],
    ['to_assign', analyst, { executorId: 'e-a', onlyOverdue: true }],
  ];

  it.each(cases)('%s (%o, %o): the first page and the next in order, without a sort', (list, viewer, f) => {
    const scope = listScope(list, viewer, f, clock);
    const pages = scope.newestFirst
      ? [
          plan(newestFirstSql(scope, false), [...scope.params, 51]),
          plan(newestFirstSql(scope, true), [...scope.params, 1, 51]),
        ]
      : [
          plan(priorityRunSql(scope, false), [...scope.params, 1, 51]),
          plan(priorityRunSql(scope, true), [...scope.params, 1, '2026-10-01', 1, 51]),
        ];
    for (const p of pages) {
      expect(p).toContain(`USING INDEX ${scope.pageIndex}`);
      expect(p).not.toMatch(/TEMP B-TREE|SCAN a\b(?! USING)/);
    }
  });

  it.each(cases)('%s (%o, %o): the count from the index alone', (list, viewer, f) => {
    const scope = listScope(list, viewer, f, clock);
    const p = plan(countSql(scope), scope.params);
    // The user's own appeals of every status: the operator index holds the whole answer.
    expect(p).toContain(`COVERING INDEX ${scope.countIndex}`);
  });

  it('the backlog by executor from the open-by-executor index alone', () => {
    expect(plan(BACKLOG_SQL, ['2026-10-20', '2026-10-23', '2026-10-20'])).toMatch(
      /COVERING INDEX appeals_worklist_open_executor/,
    );
  });
});

describe('A pull', () => {
  it('replaces a cached appeal by a newer version entirely: status, executor, phones, text, supplements', () => {
    const db = fresh();
    const before = pulled(db, { essence: 'Холодні батареї у квартирі' });
    const key = (id: string) => db.prepare('SELECT sort_key FROM appeals WHERE id = ?').pluck().get(id);
    const sortKey = key(before.id);
    const after: Appeal = {
      ...before,
      version: 2,
      status: 'assigned',
      executorId: 'e-teplo',
      essence: 'Протікає дах над під’їздом',
      applicant: { ...before.applicant, phones: ['+380501112233'] },
      supplements: [{ at: '2026-10-02T09:00:00.000Z', userId: 'u-op', text: 'Also the stairs' }],
      lifecycle: { ...before.lifecycle, assignedOn: '2026-10-02' },
    };
    expect(upsertPulledAppeal(db, after)).toBe(true);
    expect(getAppeal(db, before.id)).toEqual(after);
    expect(key(before.id)).toBe(sortKey);
    const row = db
      .prepare('SELECT status, executor_id, is_open, in_work FROM appeals WHERE id = ?')
      .get(before.id);
    expect(row).toEqual({ status: 'assigned', executor_id: 'e-teplo', is_open: 1, in_work: 1 });
    const phones = db.prepare('SELECT phone FROM appeal_phones').pluck().all();
    expect(phones).toEqual(['+380501112233']);
    const match = (word: string) =>
      db.prepare('SELECT count(*) FROM appeals_fts WHERE appeals_fts MATCH ?').pluck().get(word);
    expect(match('дах')).toBe(1);
    expect(match('батареї')).toBe(0);
  });

  it('keeps what is cached for the same version and for an older one', () => {
    const db = fresh();
    const cached = pulled(db, { version: 3, essence: 'Як є' });
    expect(upsertPulledAppeal(db, { ...cached, essence: 'Інакше' })).toBe(false);
    expect(upsertPulledAppeal(db, { ...cached, version: 2, status: 'closed', result: 'done' })).toBe(false);
    expect(getAppeal(db, cached.id)).toEqual(cached);
  });

  it('forgets a withdrawn appeal with its phones and its text index entry', () => {
    const db = fresh();
    const gone = pulled(db, { essence: 'Сміття не вивозять' });
    const kept = pulled(db);
    expect(withdrawPulledAppeal(db, gone.id)).toBe(true);
    expect(withdrawPulledAppeal(db, gone.id)).toBe(false);
    expect(getAppeal(db, gone.id)).toBeNull();
    expect(getAppeal(db, kept.id)).not.toBeNull();
    expect(db.prepare('SELECT count(*) FROM appeal_phones').pluck().get()).toBe(1);
    expect(
      db.prepare(`SELECT count(*) FROM appeals_fts WHERE appeals_fts MATCH 'сміття'`).pluck().get(),
    ).toBe(0);
  });
});

describe('Migration 011 (work lists)', () => {
  it('fills the new columns from what was cached before it', () => {
    const db = new Database(':memory:') as WritableDB;
    migrate(db, MIGRATIONS, 10);
    const insert = db.prepare(
      `INSERT INTO appeals (sort_key, id, provisional_number, type, status, category_id, executor_id, priority,
         received_on, deadline_on, created_at, updated_at, version, building_key, record)
       VALUES (?, ?, 'P-TEST-000001', 'statement', ?, 't', 'e', 0, '2026-01-05', '2026-02-05',
         '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z', 1, 'k', ?)`,
    );
    insert.run(1, 'a1', 'closed', JSON.stringify({ operatorId: 'op-1' }));
    insert.run(
      2,
      'a2',
      'rework',
      JSON.stringify({ operatorId: 'op-2', lifecycle: { nextCallbackAt: '2026-01-06T10:00:00+02:00' } }),
    );
    insert.run(3, 'a3', 'awaiting_control_check', JSON.stringify({}));
    migrate(db);
    expect(
      db.prepare('SELECT id, operator_id, next_callback_at, is_open, in_work FROM appeals ORDER BY id').all(),
    ).toEqual([
      { id: 'a1', operator_id: 'op-1', next_callback_at: null, is_open: 0, in_work: 0 },
      { id: 'a2', operator_id: 'op-2', next_callback_at: '2026-01-06T08:00:00.000Z', is_open: 1, in_work: 1 },
      { id: 'a3', operator_id: '', next_callback_at: null, is_open: 1, in_work: 0 },
    ]);
  });

  it('reads a record cached before the lifecycle existed as never assigned, for the caller panel too', () => {
    const db = fresh();
    const old = pulled(db);
    const { lifecycle: _l, supplements: _s, ...before } = old;
    db.prepare('UPDATE appeals SET record = ? WHERE id = ?').run(JSON.stringify(before), old.id);
    expect(getAppeal(db, old.id)).toEqual(old);
    expect(appealsByPhone(db, old.applicant.phones[0]!, 5).map(toSummary)[0]?.lifecycle).toEqual(
      NEW_APPEAL_LIFECYCLE,
    );
  });
});

describe('A workstation without a server (demo mode)', () => {
  const tempDir = useTempDirs('worklists-alone-');

  it("gives the configured operator their recent appeals, refuses other roles' lists, and leaves lifecycle steps to a server", async () => {
    const w = await open(tempDir(), randomKey());
    try {
      const first = await value(w.handlers['appeals:create'](draftInput() as never, ctx));
      const second = await value(w.handlers['appeals:create'](draftInput() as never, ctx));
      expect(await value(w.handlers['worklists:counts']({}, ctx))).toEqual({
        counts: [{ list: 'my_recent', total: 2 }],
      });
      const page = await value(w.handlers['worklists:list']({ list: 'my_recent', limit: 1 } as never, ctx));
      expect(page.items.map((a) => a.id)).toEqual([second.id]);
      const next = await value(
        w.handlers['worklists:list']({ list: 'my_recent', limit: 1, cursor: page.nextCursor } as never, ctx),
      );
      expect(next).toMatchObject({ items: [{ id: first.id }], nextCursor: null, total: 2 });
      expect(await w.handlers['worklists:list']({ list: 'to_assign' } as never, ctx)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await w.handlers['worklists:backlog']({}, ctx)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const act = await w.handlers['appeals:act'](
        { id: first.id, action: { kind: 'assign', executorId: first.executorId }, baseVersion: 1 },
        ctx,
      );
      expect(act).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await value(w.handlers['appeals:state']({ id: first.id }, ctx))).toMatchObject({
        appeal: { id: first.id },
        pending: [],
      });
      expect(await value(w.handlers['appeals:history']({ id: first.id }, ctx))).toEqual({
        complete: false,
        entries: [],
      });
    } finally {
      w.close();
    }
  });
});
