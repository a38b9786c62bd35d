// An appeal's life after registration, pushed through the real server by each role from its own
// workstation: every step applied by the shared state machine with the server's clock, versioned,
// written to the history (who, when, what, from which workstation) and the audit log (never
// personal data); refused steps answered with a code and refusal, and nothing half-applied.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { addDays } from '../../../src/shared/domain/localDate';
import {
  OTHER_EXECUTOR_USERNAME,
  startServerDatabase,
  TEST_ORGANISATIONS,
  testServer,
  usernameFor,
  type ServerDatabase,
} from './serverHarness';
import {
  auditOf,
  historyOf,
  openDesk,
  push,
  pushOne,
  registration,
  rejection,
  storedAppeal,
  transition,
  type Desk,
} from './serverLifecycleSupport';

let db: ServerDatabase;
let app: FastifyInstance;
let operator: Desk;
let analyst: Desk;
let executor: Desk;
let otherExecutor: Desk;
let feedback: Desk;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  operator = await openDesk(app, usernameFor.operator);
  analyst = await openDesk(app, usernameFor.analyst);
  executor = await openDesk(app, usernameFor.executor);
  otherExecutor = await openDesk(app, OTHER_EXECUTOR_USERNAME);
  feedback = await openDesk(app, usernameFor.feedback);
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const ORG = TEST_ORGANISATIONS.executor;
const OTHER_ORG = TEST_ORGANISATIONS.other;

/** Registers an appeal from the operator's desk; returns its id. */
async function registered(): Promise<string> {
  const m = registration(operator);
  expect(await pushOne(app, operator, m)).toMatchObject({ status: 'applied' });
  return m.entityId;
}

/** Registers an appeal and has the analyst assign it to the test executor's organisation. */
async function assigned(): Promise<string> {
  const id = await registered();
  expect(
    await pushOne(app, analyst, transition(analyst, id, { kind: 'assign', executorId: ORG }, 1)),
  ).toMatchObject({ status: 'applied' });
  return id;
}

describe('the whole lifecycle by pushes', () => {
  it('takes an appeal from registration to closure, each step versioned, in history and in the audit log', async () => {
    const id = await registered();
    const steps: [Desk, Parameters<typeof transition>[2], string][] = [
      [analyst, { kind: 'assign', executorId: ORG }, 'assigned'],
      [executor, { kind: 'start' }, 'in_progress'],
      [
        executor,
        { kind: 'answer', result: 'done', text: 'Опалення відновлено 12 березня' },
        'awaiting_control_check',
      ],
      [analyst, { kind: 'control_return', reason: 'Немає підтвердження від мешканців' }, 'rework'],
      [
        executor,
        { kind: 'answer', result: 'done', text: 'Підтверджено актом огляду' },
        'awaiting_control_check',
      ],
      [analyst, { kind: 'control_accept' }, 'awaiting_applicant_check'],
      [feedback, { kind: 'callback', outcome: 'no_answer' }, 'awaiting_applicant_check'],
      [feedback, { kind: 'callback', outcome: 'confirmed' }, 'closed'],
    ];
    let version = 1;
    for (const [desk, action, status] of steps) {
      const result = await pushOne(app, desk, transition(desk, id, action, version));
      expect(result, `${action.kind} by ${desk.user.role}`).toMatchObject({ status: 'applied' });
      version += 1;
      const appeal = await storedAppeal(db.pool, id);
      expect(appeal).toMatchObject({ status, version });
      if (action.kind === 'callback' && action.outcome === 'no_answer') {
        // Not answered: counted, and retried after the policy's first wait (60 minutes).
        expect(appeal.lifecycle.callbackAttempts).toBe(1);
        const due = Date.parse(appeal.lifecycle.nextCallbackAt!) - Date.now();
        expect(due).toBeGreaterThan(55 * 60_000);
        expect(due).toBeLessThan(65 * 60_000);
        const { rows } = await db.pool.query<{ next_callback_at: Date | null }>(
          'SELECT next_callback_at FROM appeals WHERE id = $1',
          [id],
        );
        expect(rows[0]!.next_callback_at?.toISOString()).toBe(appeal.lifecycle.nextCallbackAt);
      }
    }
    const closed = await storedAppeal(db.pool, id);
    expect(closed).toMatchObject({ status: 'closed', result: 'done', executorId: ORG, version: 9 });
    expect(closed.lifecycle).toMatchObject({
      reworkRounds: 1,
      nextCallbackAt: null,
      answer: { result: 'done', text: 'Підтверджено актом огляду' },
      returnReason: 'Немає підтвердження від мешканців',
    });
    const { rows: column } = await db.pool.query('SELECT next_callback_at FROM appeals WHERE id = $1', [id]);
    expect(column[0]!.next_callback_at).toBeNull();

    const history = await historyOf(db.pool, id);
    expect(history.map((h) => [h.kind, h.version, h.status_before, h.status_after])).toEqual([
      ['created', 1, null, 'registered'],
      ['transition', 2, 'registered', 'assigned'],
      ['transition', 3, 'assigned', 'in_progress'],
      ['transition', 4, 'in_progress', 'awaiting_control_check'],
      ['transition', 5, 'awaiting_control_check', 'rework'],
      ['transition', 6, 'rework', 'awaiting_control_check'],
      ['transition', 7, 'awaiting_control_check', 'awaiting_applicant_check'],
      ['transition', 8, 'awaiting_applicant_check', 'awaiting_applicant_check'],
      ['transition', 9, 'awaiting_applicant_check', 'closed'],
    ]);
    const desks = [operator, ...steps.map(([desk]) => desk)];
    expect(history.map((h) => [h.user_id, h.device_id])).toEqual(desks.map((d) => [d.user.id, d.deviceId]));
    expect(history.slice(1).map((h) => h.change['action'])).toEqual(steps.map(([, action]) => action));

    const audit = await auditOf(db.pool, id);
    expect(audit.map((a) => a.action)).toEqual(['appeal.create', ...steps.map(() => 'appeal.change')]);
    expect(audit.map((a) => a.user_id)).toEqual(desks.map((d) => d.user.id));
    expect(
      audit.slice(1).map((a) => [a.details['action'], a.details['version'], a.details['deviceId']]),
    ).toEqual(steps.map(([desk, action], i) => [action.kind, i + 2, desk.deviceId]));
    // Never personal data in the audit log: no reasons, answers, names or phones.
    const details = JSON.stringify(audit.map((a) => a.details));
    for (const text of ['Опалення', 'Підтверджено', 'мешканців', 'Коваленко', '+380'])
      expect(details).not.toContain(text);
  });

  it('applies several steps of one appeal in one batch in order, each on the version the one before left', async () => {
    const id = await registered();
    const { receivedOn } = await storedAppeal(db.pool, id);
    const results = await push(app, analyst, [
      transition(analyst, id, { kind: 'assign', executorId: ORG }, 1),
      transition(
        analyst,
        id,
        {
          kind: 'extend',
          deadlineOn: addDays(receivedOn, 45),
          reason: 'Потрібна експертиза',
          citizenToBeTold: true,
        },
        2,
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const appeal = await storedAppeal(db.pool, id);
    expect(appeal).toMatchObject({ status: 'assigned', version: 3, deadlineRule: 'ua_extended_45' });
    expect(appeal.deadlineOn <= addDays(receivedOn, 45)).toBe(true);
    expect((await historyOf(db.pool, id)).map((h) => h.version)).toEqual([1, 2, 3]);
  });
});

describe('refused steps', () => {
  /** Pushes `m` and checks that it was refused and that the appeal and its history did not change. */
  async function refusedUnchanged(id: string, desk: Desk, m: ReturnType<typeof transition>) {
    const before = await storedAppeal(db.pool, id);
    const historyBefore = await historyOf(db.pool, id);
    const reason = rejection(await pushOne(app, desk, m));
    expect(await storedAppeal(db.pool, id)).toEqual(before);
    expect(await historyOf(db.pool, id)).toEqual(historyBefore);
    return reason;
  }

  it('refuses a role that may make no lifecycle step at all, and one that may not take this step', async () => {
    const id = await registered();
    expect(
      await refusedUnchanged(id, operator, transition(operator, id, { kind: 'assign', executorId: ORG }, 1)),
    ).toMatchObject({ code: 'forbidden', refusal: 'forbidden' });
    expect(
      await refusedUnchanged(id, feedback, transition(feedback, id, { kind: 'assign', executorId: ORG }, 1)),
    ).toMatchObject({ code: 'forbidden', refusal: 'forbidden' });
  });

  it('refuses an executor acting on an appeal of another organisation', async () => {
    const id = await assigned();
    expect(
      await refusedUnchanged(id, otherExecutor, transition(otherExecutor, id, { kind: 'start' }, 2)),
    ).toMatchObject({
      code: 'forbidden',
      refusal: 'wrong_organisation',
    });
  });

  it('refuses a step not allowed from the current status', async () => {
    const id = await assigned();
    expect(
      await refusedUnchanged(id, analyst, transition(analyst, id, { kind: 'control_accept' }, 2)),
    ).toMatchObject({ code: 'conflict', refusal: 'not_allowed_now' });
  });

  it('refuses forwarding to another executor without a reason, and to the same executor', async () => {
    const id = await assigned();
    expect(
      await refusedUnchanged(
        id,
        analyst,
        transition(analyst, id, { kind: 'assign', executorId: OTHER_ORG }, 2),
      ),
    ).toMatchObject({ code: 'invalid', refusal: 'reason_required' });
    expect(
      await refusedUnchanged(
        id,
        analyst,
        transition(analyst, id, { kind: 'assign', executorId: ORG, reason: 'Ще раз' }, 2),
      ),
    ).toMatchObject({ code: 'conflict', refusal: 'same_executor' });
  });

  it('refuses assigning to an executor the directory does not have', async () => {
    const id = await registered();
    expect(
      await refusedUnchanged(
        id,
        analyst,
        transition(analyst, id, { kind: 'assign', executorId: 'e-nobody' }, 1),
      ),
    ).toMatchObject({ code: 'unknown_reference' });
  });

  it('refuses an extension beyond 45 days from receipt (Art. 20)', async () => {
    const id = await assigned();
    const { receivedOn } = await storedAppeal(db.pool, id);
    const extend = (days: number) =>
      transition(
        analyst,
        id,
        {
          kind: 'extend',
          deadlineOn: addDays(receivedOn, days),
          reason: 'Потрібна експертиза',
          citizenToBeTold: true,
        },
        2,
      );
    expect(await refusedUnchanged(id, analyst, extend(46))).toMatchObject({
      code: 'invalid',
      refusal: 'deadline_out_of_range',
    });
    expect(await pushOne(app, analyst, extend(44))).toMatchObject({ status: 'applied' });
    const appeal = await storedAppeal(db.pool, id);
    expect(appeal.lifecycle.extendedOn).not.toBeNull();
    const { rows } = await db.pool.query<{ deadline_on: string }>(
      "SELECT to_char(deadline_on, 'YYYY-MM-DD') AS deadline_on FROM appeals WHERE id = $1",
      [id],
    );
    expect(rows[0]!.deadline_on).toBe(appeal.deadlineOn);
  });

  it('refuses a step made on an old version, naming who changed it meanwhile by role only', async () => {
    const id = await assigned();
    const reason = await refusedUnchanged(
      id,
      analyst,
      transition(analyst, id, { kind: 'assign', executorId: OTHER_ORG, reason: 'Не їхня компетенція' }, 1),
    );
    expect(reason).toMatchObject({ code: 'conflict', refusal: 'stale_version' });
    expect(reason.message).toMatch(/changed meanwhile by an analyst/);
    expect(reason.message).not.toContain(analyst.user.name);
  });

  it('refuses a step on an appeal the server does not have', async () => {
    const reason = rejection(
      await pushOne(app, analyst, transition(analyst, randomUUID(), { kind: 'control_accept' }, 1)),
    );
    expect(reason.code).toBe('unknown_reference');
  });

  it('answers a refused step delivered again with the same refusal', async () => {
    const id = await assigned();
    const m = transition(analyst, id, { kind: 'control_accept' }, 2);
    const first = rejection(await pushOne(app, analyst, m));
    const again = rejection(await pushOne(app, analyst, m));
    expect(again).toEqual(first);
  });
});

describe('forwarding', () => {
  it('records a forwarding more than five days after the first assignment as late (Art. 7)', async () => {
    const id = await assigned();
    // As if it was assigned a week ago.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await db.pool.query(
      `UPDATE appeals SET record = jsonb_set(record, '{lifecycle,assignedOn}', to_jsonb($2::text)) WHERE id = $1`,
      [id, weekAgo],
    );
    const m = transition(
      analyst,
      id,
      { kind: 'assign', executorId: OTHER_ORG, reason: 'Не їхня компетенція' },
      2,
    );
    expect(await pushOne(app, analyst, m)).toMatchObject({ status: 'applied' });
    const last = (await historyOf(db.pool, id)).at(-1)!;
    expect(last.change).toMatchObject({
      lateForward: true,
      executorBefore: ORG,
      action: { executorId: OTHER_ORG },
    });
    expect((await auditOf(db.pool, id)).at(-1)!.details).toMatchObject({
      lateForward: true,
      executorId: OTHER_ORG,
    });
    const appeal = await storedAppeal(db.pool, id);
    // The first assignment's day stays: the five days count from it.
    expect(appeal).toMatchObject({
      executorId: OTHER_ORG,
      status: 'assigned',
      lifecycle: { assignedOn: weekAgo },
    });
  });

  it('records a forwarding within five days as on time', async () => {
    const id = await assigned();
    const m = transition(
      analyst,
      id,
      { kind: 'assign', executorId: OTHER_ORG, reason: 'Не їхня компетенція' },
      2,
    );
    expect(await pushOne(app, analyst, m)).toMatchObject({ status: 'applied' });
    const last = (await historyOf(db.pool, id)).at(-1)!;
    expect(last.change).not.toHaveProperty('lateForward');
    expect(last.change).toMatchObject({ executorBefore: ORG });
  });
});
