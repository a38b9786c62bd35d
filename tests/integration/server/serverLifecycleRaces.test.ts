// Lifecycle steps meeting each other on the server: two analysts assigning one appeal at once from
// two workstations (one wins, the other is told it changed meanwhile), and one step delivered
// twice, one push after the other or in two pushes at once (applied once).
import type { FastifyInstance } from 'fastify';
import {
  createAccount,
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
  pushOne,
  registration,
  storedAppeal,
  transition,
  type Desk,
} from './serverLifecycleSupport';

let db: ServerDatabase;
let app: FastifyInstance;
let operator: Desk;
let analyst: Desk;
let secondAnalyst: Desk;

beforeAll(async () => {
  db = await startServerDatabase();
  await createAccount(db.pool, 'analyst-two', 'analyst');
  app = await testServer(db.pool);
  operator = await openDesk(app, usernameFor.operator);
  analyst = await openDesk(app, usernameFor.analyst);
  secondAnalyst = await openDesk(app, 'analyst-two');
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

const transitionsOf = async (id: string) =>
  (await historyOf(db.pool, id)).filter((h) => h.kind === 'transition');

const changeRows = async (id: string) =>
  Number(
    (await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM change_log WHERE entity_id = $1', [id]))
      .rows[0]!.n,
  );

describe('two analysts assigning the same appeal at once', () => {
  it('applies exactly one; the other is refused as stale, and nothing of it is stored', async () => {
    for (let round = 0; round < 10; round++) {
      const id = await registered();
      const [a, b] = await Promise.all([
        pushOne(
          app,
          analyst,
          transition(analyst, id, { kind: 'assign', executorId: TEST_ORGANISATIONS.executor }, 1),
        ),
        pushOne(
          app,
          secondAnalyst,
          transition(secondAnalyst, id, { kind: 'assign', executorId: TEST_ORGANISATIONS.other }, 1),
        ),
      ]);
      const results = [a!, b!];
      const applied = results.filter((r) => r.status === 'applied');
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(applied).toHaveLength(1);
      expect(rejected).toEqual([expect.objectContaining({ code: 'conflict', refusal: 'stale_version' })]);
      expect(rejected[0]!.message).toMatch(/by an analyst/);

      const winner = a!.status === 'applied' ? analyst : secondAnalyst;
      const organisation = winner === analyst ? TEST_ORGANISATIONS.executor : TEST_ORGANISATIONS.other;
      expect(await storedAppeal(db.pool, id)).toMatchObject({
        status: 'assigned',
        version: 2,
        executorId: organisation,
      });
      const steps = await transitionsOf(id);
      expect(steps.map((h) => [h.user_id, h.device_id, h.version])).toEqual([
        [winner.user.id, winner.deviceId, 2],
      ]);
      expect((await auditOf(db.pool, id)).filter((r) => r.action === 'appeal.change')).toHaveLength(1);
      expect(await changeRows(id)).toBe(2);
    }
  });
});

describe('one step delivered twice', () => {
  it('applies it once when pushed again, answering duplicate', async () => {
    const id = await registered();
    const m = transition(analyst, id, { kind: 'assign', executorId: TEST_ORGANISATIONS.executor }, 1);
    expect(await pushOne(app, analyst, m)).toMatchObject({ status: 'applied' });
    expect(await pushOne(app, analyst, m)).toMatchObject({ status: 'duplicate' });
    expect(await storedAppeal(db.pool, id)).toMatchObject({ version: 2 });
    expect(await transitionsOf(id)).toHaveLength(1);
    expect(await changeRows(id)).toBe(2);
  });

  it('applies it once when two pushes of it race', async () => {
    for (let round = 0; round < 10; round++) {
      const id = await registered();
      const m = transition(analyst, id, { kind: 'assign', executorId: TEST_ORGANISATIONS.executor }, 1);
      const results = await Promise.all([1, 2, 3].map(() => pushOne(app, analyst, m)));
      expect(results.map((r) => r.status).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
      expect(await storedAppeal(db.pool, id)).toMatchObject({ version: 2, status: 'assigned' });
      expect(await transitionsOf(id)).toHaveLength(1);
      expect(await changeRows(id)).toBe(2);
    }
  });
});
