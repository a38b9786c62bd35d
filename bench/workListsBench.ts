// The workstation's work lists at a million cached appeals (issue 12): each list's first page and
// its count, as main reads them (src/main/worklists: listScope, worklistsRepo, the row summaries),
// beside bare-SQLite baselines from the same store: the floor of reading one page of records, and
// of counting one status from an index. And the local part of "a pulled transition visible in the
// open list": applying the pulled appeal and reading the list that now shows it (the network part,
// the live channel and the pull, is measured against the real server in
// tests/integration/sync/syncLifecycleRealServer.test.ts).
import { getAppeal } from '../src/main/appeals/appealsRepo';
import type { Store } from '../src/main/core/db/types';
import { upsertPulledAppeal } from '../src/main/sync/syncRepo';
import { listScope, type ListViewer } from '../src/main/worklists/listScope';
import { backlogRows, countList, listPage } from '../src/main/worklists/worklistsRepo';
import { toSummary } from '../src/shared/domain/appealSummary';
import { addDays } from '../src/shared/domain/localDate';
import { DUE_SOON_DAYS, WORK_LISTS, workListIds } from '../src/shared/domain/worklists';
import { percentile, type BenchRow } from './report';

const PAGE = 50;
const RUNS = 200;

const row = (name: string, value: number, unit: string, limit: number | null): BenchRow => ({
  name,
  value,
  unit,
  target: limit === null ? 'baseline' : `<= ${limit} ${unit}`,
  pass: limit === null ? null : value <= limit,
});

function p95(fn: () => unknown, runs = RUNS): number {
  for (let i = 0; i < 10; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 95);
}

export function measureWorkLists(store: Store): BenchRow[] {
  const { db } = store;
  const now = new Date();
  const clock = { today: now.toISOString().slice(0, 10), now: now.toISOString() };
  // The busiest executor (the one whose inbox is the largest) and an operator of the data.
  const busiest = db
    .prepare(
      `SELECT executor_id AS id FROM appeals INDEXED BY appeals_worklist_inbox WHERE in_work = 1
       GROUP BY executor_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { id: string } | undefined;
  const organisationId = busiest?.id ?? 'e-none';
  const staff: ListViewer = { userId: 'op-1', organisationId: null };
  const executor: ListViewer = { userId: 'op-1', organisationId };
  const none = { executorId: null, onlyOverdue: false };

  const rows: BenchRow[] = [];
  for (const list of workListIds) {
    const viewer = WORK_LISTS[list].organisation ? executor : staff;
    const scope = listScope(list, viewer, none, clock);
    const total = countList(db, scope);
    const page = p95(() => listPage(db, scope, null, PAGE).rows.map((r) => toSummary(r.appeal)));
    const count = p95(() => countList(db, scope));
    rows.push(row(`work list ${list}: first page p95 (${total.toLocaleString('en')} in it)`, page, 'ms', 10));
    rows.push(row(`work list ${list}: count p95`, count, 'ms', 20));
  }
  const byExecutor = listScope('open', staff, { executorId: organisationId, onlyOverdue: true }, clock);
  rows.push(
    row(
      'work list open, one executor, overdue: first page p95',
      p95(() => listPage(db, byExecutor, null, PAGE)),
      'ms',
      10,
    ),
  );
  const dueSoonUntil = addDays(clock.today, DUE_SOON_DAYS);
  const executors = backlogRows(db, clock.today, dueSoonUntil).length;
  rows.push(
    row(
      `backlog by executor p95 (${executors} executors)`,
      p95(() => backlogRows(db, clock.today, dueSoonUntil), 50),
      'ms',
      100,
    ),
  );

  // Baselines: a page of records read by primary key, a status counted from its plain index.
  const newest = db.prepare('SELECT max(sort_key) AS k FROM appeals').pluck().get() as number;
  const pageFloor = db.prepare(
    'SELECT record FROM appeals WHERE sort_key <= ? ORDER BY sort_key DESC LIMIT ?',
  );
  rows.push(
    row(
      'bare SQLite: 50 records by primary key p95',
      p95(() => pageFloor.all(newest, PAGE).map((r) => JSON.parse((r as { record: string }).record))),
      'ms',
      null,
    ),
  );
  const statusCount = db
    .prepare(`SELECT count(*) FROM appeals INDEXED BY appeals_status WHERE status = ?`)
    .pluck();
  rows.push(
    row(
      'bare SQLite: count of one status (in_progress) p95',
      p95(() => statusCount.get('in_progress')),
      'ms',
      null,
    ),
  );

  rows.push(
    row(
      'pulled transition applied and in the open list p95',
      pulledTransition(store, organisationId, clock),
      'ms',
      2000,
    ),
  );
  return rows;
}

/**
 * A registered appeal comes back from the server assigned to `executorId`, a benefit holder's with
 * the earliest deadline: it must be on the first page of that executor's open list. Measured from
 * the pulled record to the page that shows it.
 */
function pulledTransition(store: Store, executorId: string, clock: { today: string; now: string }): number {
  const { db, write } = store;
  const ids = db
    .prepare(`SELECT id FROM appeals INDEXED BY appeals_worklist_status WHERE status = 'registered' LIMIT 50`)
    .pluck()
    .all() as string[];
  const scope = listScope(
    'open',
    { userId: '', organisationId: null },
    { executorId, onlyOverdue: false },
    clock,
  );
  // Before every deadline in that list, so the refreshed first page is where it shows.
  const earliest = db
    .prepare(
      `SELECT min(deadline_on) FROM appeals INDEXED BY appeals_worklist_open_executor
       WHERE is_open = 1 AND executor_id = ?`,
    )
    .pluck()
    .get(executorId) as string | null;
  const deadlineOn = addDays(earliest ?? clock.today, -1);
  const samples: number[] = [];
  for (const id of ids) {
    const cached = getAppeal(db, id)!;
    const started = performance.now();
    write(() =>
      upsertPulledAppeal(db, {
        ...cached,
        version: cached.version + 1,
        status: 'assigned',
        executorId,
        priority: true,
        deadlineOn,
        lifecycle: { ...cached.lifecycle, assignedOn: clock.today },
      }),
    );
    // What the open list does on appeals:changed: its first page and its count again.
    const shown = listPage(db, scope, null, PAGE).rows.some((r) => r.appeal.id === id);
    countList(db, scope);
    samples.push(performance.now() - started);
    if (!shown) throw new Error('The pulled transition is not in the open list');
  }
  return percentile(samples, 95);
}
