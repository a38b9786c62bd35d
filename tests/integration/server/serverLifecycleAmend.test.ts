// Correcting and supplementing an appeal on the server (issue 12, item 4): a typo is corrected only
// before the appeal is assigned (a new category re-decides the deadline), a supplement and a new
// phone are added after it too; each change is versioned and in the history.
import type { FastifyInstance } from 'fastify';
import { decideDeadline, appealPolicy } from '../../../src/server/sync/serverOwned';
import {
  startServerDatabase,
  TEST_ORGANISATIONS,
  testServer,
  usernameFor,
  type ServerDatabase,
} from './serverHarness';
import {
  amendment,
  auditOf,
  CATEGORIES,
  historyOf,
  openDesk,
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

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  operator = await openDesk(app, usernameFor.operator);
  analyst = await openDesk(app, usernameFor.analyst);
  executor = await openDesk(app, usernameFor.executor);
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

async function registered(): Promise<string> {
  const m = registration(operator);
  expect(await pushOne(app, operator, m)).toMatchObject({ status: 'applied' });
  return m.entityId;
}

describe('amendments', () => {
  it('corrects a typo and the category before assignment, and decides the deadline again by the new term', async () => {
    const id = await registered();
    const before = await storedAppeal(db.pool, id);
    const m = amendment(
      operator,
      id,
      {
        corrections: {
          essence: 'Немає опалення в квартирі третій день, батареї холодні.',
          categoryId: CATEGORIES.short.id,
        },
      },
      1,
    );
    expect(await pushOne(app, operator, m)).toMatchObject({ status: 'applied' });
    const after = await storedAppeal(db.pool, id);
    const expected = decideDeadline(before, 'short', appealPolicy());
    expect(after).toMatchObject({
      version: 2,
      status: 'registered',
      essence: 'Немає опалення в квартирі третій день, батареї холодні.',
      categoryId: CATEGORIES.short.id,
      deadlineOn: expected.deadlineOn,
      deadlineRule: 'ua_short_15',
    });
    expect(after.deadlineOn < before.deadlineOn).toBe(true);
    const { rows } = await db.pool.query<{ category_id: string; deadline_on: string }>(
      "SELECT category_id, to_char(deadline_on, 'YYYY-MM-DD') AS deadline_on FROM appeals WHERE id = $1",
      [id],
    );
    expect(rows[0]).toEqual({ category_id: CATEGORIES.short.id, deadline_on: expected.deadlineOn });
    const last = (await historyOf(db.pool, id)).at(-1)!;
    expect(last).toMatchObject({
      kind: 'amend',
      version: 2,
      status_before: 'registered',
      status_after: 'registered',
      user_id: operator.user.id,
      device_id: operator.deviceId,
      change: { deadlineBefore: before.deadlineOn, deadlineOn: expected.deadlineOn },
    });
    expect(last.change['amendment']).toEqual(m.type === 'appeal.amend' ? m.payload.amendment : null);
    const audit = (await auditOf(db.pool, id)).at(-1)!;
    expect(audit.details).toMatchObject({ kind: 'amend', corrected: ['categoryId', 'essence'] });
    expect(JSON.stringify(audit.details)).not.toContain('батареї');
  });

  it('refuses a correction once the appeal is assigned, and adds a supplement and a new phone instead', async () => {
    const id = await registered();
    expect(
      await pushOne(
        app,
        analyst,
        transition(analyst, id, { kind: 'assign', executorId: TEST_ORGANISATIONS.executor }, 1),
      ),
    ).toMatchObject({ status: 'applied' });
    const refused = rejection(
      await pushOne(app, operator, amendment(operator, id, { corrections: { essence: 'Інший текст' } }, 2)),
    );
    expect(refused).toMatchObject({ code: 'invalid', refusal: 'already_assigned' });
    expect(await storedAppeal(db.pool, id)).toMatchObject({ version: 2 });

    const m = amendment(
      operator,
      id,
      { supplement: 'Заявниця повідомила, що в сусідів теж холодно.', addPhones: ['+380501112233'] },
      2,
    );
    expect(await pushOne(app, operator, m)).toMatchObject({ status: 'applied' });
    const after = await storedAppeal(db.pool, id);
    expect(after).toMatchObject({ version: 3, status: 'assigned' });
    expect(after.applicant.phones).toEqual(['+380671234567', '+380501112233']);
    expect(after.supplements).toEqual([
      {
        at: expect.any(String),
        userId: operator.user.id,
        text: 'Заявниця повідомила, що в сусідів теж холодно.',
      },
    ]);
    const last = (await historyOf(db.pool, id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'amend', version: 3, change: { phonesAdded: ['+380501112233'] } });
    const audit = JSON.stringify((await auditOf(db.pool, id)).at(-1)!.details);
    expect(audit).not.toContain('+380');
    expect(audit).not.toContain('сусідів');
  });

  it('refuses an amendment by an executor, and one of a closed appeal', async () => {
    const id = await registered();
    expect(
      rejection(await pushOne(app, executor, amendment(executor, id, { supplement: 'Додаток' }, 1))),
    ).toMatchObject({ code: 'forbidden', refusal: 'forbidden' });
    // As if it had gone all the way to closure.
    await db.pool.query(`UPDATE appeals SET status = 'closed', version = 5 WHERE id = $1`, [id]);
    expect(
      rejection(await pushOne(app, operator, amendment(operator, id, { supplement: 'Додаток' }, 5))),
    ).toMatchObject({ code: 'invalid', refusal: 'closed' });
  });

  it('refuses more phones than an applicant may have', async () => {
    const id = await registered();
    const phones = ['+380501110001', '+380501110002', '+380501110003', '+380501110004', '+380501110005'];
    expect(
      rejection(await pushOne(app, operator, amendment(operator, id, { addPhones: phones }, 1))),
    ).toMatchObject({ code: 'invalid', refusal: 'too_many_phones' });
    expect((await storedAppeal(db.pool, id)).applicant.phones).toEqual(['+380671234567']);
  });
});
