// What an executor account pulls: only the appeals its organisation holds (never one merely
// suggested for it at registration, never a consultation), every change of them, and
// `appeal_withdrawn` when one is forwarded elsewhere. The center's staff pull everything as before.
import type { FastifyInstance } from 'fastify';
import { serverConfig } from '../../../src/server/config';
import type { Change } from '../../../src/shared/sync/protocol';
import { consultationMutation } from '../support/testDatabase';
import {
  OTHER_EXECUTOR_USERNAME,
  startServerDatabase,
  TEST_ORGANISATIONS,
  testServer,
  usernameFor,
  type ServerDatabase,
} from './serverHarness';
import { openDesk, pullNew, pushOne, registration, transition, type Desk } from './serverLifecycleSupport';

let db: ServerDatabase;
let app: FastifyInstance;
let operator: Desk;
let analyst: Desk;
let executor: Desk;
let otherExecutor: Desk;

beforeAll(async () => {
  db = await startServerDatabase();
  // No incident scan in the background: a pull returns only changes below its snapshot's xmin
  // (sync/pull.ts), so a scan's transaction running meanwhile holds the newest ones back to the
  // next pull, and these tests read each state with one pull (1 run in 3 saw 23 of 30).
  app = await testServer(db.pool, { incidents: { ...serverConfig({}, {}).incidents, scanMs: 0 } });
  operator = await openDesk(app, usernameFor.operator);
  analyst = await openDesk(app, usernameFor.analyst);
  executor = await openDesk(app, usernameFor.executor);
  otherExecutor = await openDesk(app, OTHER_EXECUTOR_USERNAME);
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const ORG = TEST_ORGANISATIONS.executor;
const OTHER_ORG = TEST_ORGANISATIONS.other;

/** Registers an appeal that names `suggested` as its executor; returns its id. */
async function registered(suggested: string = ORG): Promise<string> {
  const m = registration(operator, { executorId: suggested });
  expect(await pushOne(app, operator, m)).toMatchObject({ status: 'applied' });
  return m.entityId;
}

async function act(desk: Desk, id: string, action: Parameters<typeof transition>[2], base: number) {
  expect(await pushOne(app, desk, transition(desk, id, action, base))).toMatchObject({ status: 'applied' });
}

const summary = (changes: Change[]) =>
  changes.map((c) =>
    c.kind === 'appeal'
      ? ['appeal', c.appeal.id, c.appeal.status, c.appeal.version]
      : c.kind === 'appeal_withdrawn'
        ? ['withdrawn', c.id]
        : ['consultation', c.consultation.id],
  );

describe('an executor account pulls', () => {
  it('only the appeals assigned to its organisation, and each change of them', async () => {
    // Registered naming this organisation, but not assigned yet: not the executor's.
    const suggested = await registered(ORG);
    const consultation = consultationMutation(undefined, ++operator.seq, operator.user.id);
    expect(await pushOne(app, operator, consultation)).toMatchObject({ status: 'applied' });
    const mine = await registered(OTHER_ORG);
    await act(analyst, mine, { kind: 'assign', executorId: ORG }, 1);
    const theirs = await registered(ORG);
    await act(analyst, theirs, { kind: 'assign', executorId: OTHER_ORG }, 1);

    expect(summary(await pullNew(app, executor))).toEqual([['appeal', mine, 'assigned', 2]]);
    expect(summary(await pullNew(app, otherExecutor))).toEqual([['appeal', theirs, 'assigned', 2]]);

    await act(executor, mine, { kind: 'start' }, 2);
    expect(summary(await pullNew(app, executor))).toEqual([['appeal', mine, 'in_progress', 3]]);
    expect(await pullNew(app, otherExecutor)).toEqual([]);

    // The center's staff see everything, and are never told to forget an appeal.
    const all = await pullNew(app, analyst);
    const ids = new Set(summary(all).map((s) => s[1]));
    for (const id of [suggested, mine, theirs, consultation.entityId]) expect(ids.has(id)).toBe(true);
    expect(all.some((c) => c.kind === 'appeal_withdrawn')).toBe(false);
  });

  it('appeal_withdrawn when its organisation’s appeal is forwarded elsewhere, and nothing of it after', async () => {
    const id = await registered();
    await act(analyst, id, { kind: 'assign', executorId: ORG }, 1);
    await pullNew(app, executor);
    await pullNew(app, otherExecutor);
    const staff = await pullNew(app, analyst);
    expect(staff.length).toBeGreaterThan(0);

    await act(analyst, id, { kind: 'assign', executorId: OTHER_ORG, reason: 'Не їхня компетенція' }, 2);
    expect(summary(await pullNew(app, executor))).toEqual([['withdrawn', id]]);
    expect(summary(await pullNew(app, otherExecutor))).toEqual([['appeal', id, 'assigned', 3]]);
    expect(summary(await pullNew(app, analyst))).toEqual([['appeal', id, 'assigned', 3]]);

    await act(otherExecutor, id, { kind: 'start' }, 3);
    expect(await pullNew(app, executor)).toEqual([]);
    expect(summary(await pullNew(app, otherExecutor))).toEqual([['appeal', id, 'in_progress', 4]]);

    // Forwarded back: it is this organisation's again.
    await act(analyst, id, { kind: 'assign', executorId: ORG, reason: 'Повернуто після уточнення' }, 4);
    expect(summary(await pullNew(app, executor))).toEqual([['appeal', id, 'assigned', 5]]);
    expect(summary(await pullNew(app, otherExecutor))).toEqual([['withdrawn', id]]);
  });

  it('page by page without losing a change, the cursor moving only over its own rows', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = await registered();
      await act(analyst, id, { kind: 'assign', executorId: i % 2 === 0 ? ORG : OTHER_ORG }, 1);
      if (i % 2 === 0) ids.push(id);
    }
    // pullNew reads pages of 50.
    const pulled = await pullNew(app, executor);
    expect(summary(pulled).map((s) => s[1])).toEqual(ids);
  });
});
