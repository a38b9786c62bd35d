// The queue serves callers strictly in order (real embedded PostgreSQL, the server listening, a fake
// PBX that suspends callers and resumes them when pushed, simulated operators): 100 callers behind 10
// operators freeing in random order, priorities, a caller whose operator let it ring out keeps its
// place, two server instances dispatching at once, and a server restart while callers wait.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../../src/server/db/pool';
import { startServerDatabase, type ServerDatabase } from '../server/serverHarness';
import {
  FakePbx,
  queueServer,
  report,
  rowOf,
  rowsOf,
  seedAgents,
  waitFor,
  type FakeCaller,
} from './queueHarness';

let db: ServerDatabase;
let poolB: Pool;
const apps: FastifyInstance[] = [];
const pbxes: FakePbx[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  poolB = createPool(db.url, 10);
});
afterAll(async () => {
  await Promise.all(pbxes.splice(0).map((p) => p.stop()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await poolB?.end();
  await db?.stop();
});
beforeEach(async () => {
  await Promise.all(pbxes.splice(0).map((p) => p.stop()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await db.pool.query('DELETE FROM queue_calls');
  await db.pool.query('DELETE FROM agent_state_history');
  await db.pool.query('DELETE FROM agents');
  await db.pool.query(`DELETE FROM appeals`);
});

async function server(pool: Pool = db.pool, queue = {}) {
  const { app } = await queueServer(pool, queue);
  apps.push(app);
  return app;
}

async function fakePbx(on: FastifyInstance[]) {
  const pbx = new FakePbx(on);
  await pbx.start();
  pbxes.push(pbx);
  return pbx;
}

const names = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Simulated operators: an offered call is confirmed ringing, answered (the PBX's event and the
 * workstation's on_call), talked for a few random ms, then the operator is free again. Every offer
 * is checked against the database the moment the PBX hears it: no earlier caller of the same or a
 * higher priority still waiting (an overtake), no operator ringing for two callers.
 */
function operate(pbx: FakePbx, ids: Map<string, string>, talkMs: () => number) {
  const result = { overtakes: 0, doubleBooked: 0, offers: [] as string[] };
  const busy = new Set<string>();
  const work: Promise<unknown>[] = [];
  pbx.onOffer = (caller: FakeCaller, operator: string) => {
    if (busy.has(operator)) result.doubleBooked++;
    busy.add(operator);
    result.offers.push(caller.callId);
    const userId = ids.get(operator)!;
    work.push(
      (async () => {
        const { rows } = await db.pool.query<{ ahead: string; doubled: string }>(
          `SELECT (SELECT count(*) FROM queue_calls o, queue_calls me
                    WHERE me.sip_call_id = $1 AND o.state = 'waiting' AND o.queue = me.queue
                      AND (o.priority > me.priority OR (o.priority = me.priority AND o.id < me.id))) AS ahead,
                  (SELECT count(*) FROM (SELECT operator_id FROM queue_calls WHERE state = 'offered'
                                          GROUP BY operator_id HAVING count(*) > 1) d) AS doubled`,
          [caller.callId],
        );
        result.overtakes += Number(rows[0]!.ahead);
        result.doubleBooked += Number(rows[0]!.doubled);
        await report(db.pool, userId, { state: 'ringing', callId: caller.callId });
        await pbx.event('answered', caller.callId, operator);
        await report(db.pool, userId, { state: 'on_call', callId: caller.callId });
        await sleep(talkMs());
        busy.delete(operator);
        await report(db.pool, userId, { state: 'available' });
      })(),
    );
  };
  return { result, settled: async () => Promise.all(work) };
}

/** Callers queue one after another behind busy operators; each hears 202 with its position. */
async function queueUp(pbx: FakePbx, prefix: string, n: number): Promise<string[]> {
  const callIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const callId = `${prefix}-${String(i).padStart(3, '0')}`;
    const answer = await pbx.call(callId);
    expect(answer.status, answer.body).toBe(202);
    expect(answer.body).toBe(String(i + 1));
    callIds.push(callId);
  }
  return callIds;
}

async function freeInRandomOrder(ids: Map<string, string>) {
  const order = [...ids.values()].sort(() => Math.random() - 0.5);
  for (const userId of order) {
    await report(db.pool, userId, { state: 'available' });
    await sleep(Math.random() * 10);
  }
}

describe('a caller is offered the longest-idle free operator in its turn', () => {
  it('rings at once when an operator is free, queues with its position when none is', async () => {
    const app = await server();
    const ids = await seedAgents(db.pool, ['operator1', 'operator2'], 'available', (i) => 100 - i * 50);
    const pbx = await fakePbx([app]);
    expect(await pbx.call('first')).toEqual({ status: 200, body: 'operator1' });
    expect(await pbx.call('second')).toEqual({ status: 200, body: 'operator2' });
    expect(await pbx.call('third')).toEqual({ status: 202, body: '3' });
    // A retry of a query about an offered caller gets the same operator, nobody else is reserved.
    expect(await pbx.ask(pbx.callers.get('first')!)).toEqual({ status: 200, body: 'operator1' });
    expect((await rowOf(db.pool, 'third'))!.state).toBe('waiting');
    // operator2 takes its call (the PBX's answered event is lost: the workstation's on_call says
    // it) and is free again: the server pushes, the PBX resumes the caller and asks again.
    await report(db.pool, ids.get('operator2')!, { state: 'ringing', callId: 'second' });
    await report(db.pool, ids.get('operator2')!, { state: 'on_call', callId: 'second' });
    await report(db.pool, ids.get('operator2')!, { state: 'available' });
    await waitFor(() => pbx.callers.get('third')!.phase === 'ringing', 5000, 'third offered');
    expect(pbx.callers.get('third')!.operator).toBe('operator2');
    expect(pbx.pushes.map((p) => p.status)).toEqual([200]);
    expect((await rowOf(db.pool, 'third'))!).toMatchObject({ state: 'offered', operator: 'operator2' });
    expect((await rowOf(db.pool, 'second'))!).toMatchObject({ state: 'answered', operator: 'operator2' });
    // Answered: the row records who and leaves the queue.
    expect(await pbx.event('answered', 'third', 'operator2')).toBe(204);
    expect((await rowOf(db.pool, 'third'))!).toMatchObject({ state: 'answered', operator: 'operator2' });
  });

  it('serves 100 callers behind 10 operators freeing in random order with no overtake', async () => {
    const app = await server();
    const ids = await seedAgents(db.pool, names('q', 10), 'on_call');
    const pbx = await fakePbx([app]);
    const sim = operate(pbx, ids, () => Math.random() * 15);
    const callIds = await queueUp(pbx, 'strict', 100);
    await freeInRandomOrder(ids);
    await waitFor(
      async () => (await rowsOf(db.pool)).every((r) => r.state === 'answered'),
      30_000,
      'every caller answered',
    );
    await sim.settled();
    expect(sim.result.overtakes).toBe(0);
    expect(sim.result.doubleBooked).toBe(0);
    expect([...sim.result.offers].sort()).toEqual(callIds);
    expect((await rowsOf(db.pool)).every((r) => r.offers === 1)).toBe(true);
  });

  it('puts benefit holders, then callers awaiting a callback, ahead (QUEUE_PRIORITIES)', async () => {
    const app = await server(db.pool, { priorities: ['benefit', 'callback'] });
    await insertAppeal('+380501111111', { priority: true, status: 'registered' });
    await insertAppeal('+380502222222', { priority: false, status: 'awaiting_applicant_check' });
    await insertAppeal('+380503333333', { priority: false, status: 'registered' });
    const ids = await seedAgents(db.pool, ['operator1'], 'on_call');
    const pbx = await fakePbx([app]);
    const sim = operate(pbx, ids, () => 0);
    expect((await pbx.call('plain-1', '+380503333333')).body).toBe('1');
    expect((await pbx.call('callback-1', '0502222222')).body).toBe('1');
    expect((await pbx.call('benefit-1', '+380 50 111 11 11')).body).toBe('1');
    expect((await pbx.call('plain-2', 'anonymous')).body).toBe('4');
    expect((await pbx.call('benefit-2', '+380501111111')).body).toBe('2');
    const rows = await rowsOf(db.pool);
    expect(rows.map((r) => [r.sip_call_id, r.priority, r.priority_reason, r.caller_masked])).toEqual([
      ['plain-1', 0, null, '•••3333'],
      ['callback-1', 1, 'callback', '•••2222'],
      ['benefit-1', 2, 'benefit', '•••1111'],
      ['plain-2', 0, null, null],
      ['benefit-2', 2, 'benefit', '•••1111'],
    ]);
    await report(db.pool, ids.get('operator1')!, { state: 'available' });
    await waitFor(async () => (await rowsOf(db.pool)).every((r) => r.state === 'answered'), 10_000);
    await sim.settled();
    expect(sim.result.offers).toEqual(['benefit-1', 'benefit-2', 'callback-1', 'plain-1', 'plain-2']);
    expect(sim.result.overtakes).toBe(0);
  });

  it('keeps the place of a caller whose operator let it ring out, and never offers it to that one again', async () => {
    const app = await server();
    const ids = await seedAgents(db.pool, ['operator1', 'operator2', 'operator3'], 'on_call');
    const pbx = await fakePbx([app]);
    await queueUp(pbx, 'hunt', 3);
    await report(db.pool, ids.get('operator1')!, { state: 'available' });
    await waitFor(() => pbx.callers.get('hunt-000')!.phase === 'ringing');
    expect(pbx.callers.get('hunt-000')!.operator).toBe('operator1');
    // operator1 lets it ring out: the PBX hunts. Nobody else is free, and operator1 (now free again)
    // is not offered the same caller: it goes to the next one, the first keeps its place.
    const hunted = await pbx.ringOut('hunt-000');
    expect(hunted).toEqual({ status: 202, body: '1' });
    await waitFor(() => pbx.callers.get('hunt-001')!.phase === 'ringing');
    expect(pbx.callers.get('hunt-001')!.operator).toBe('operator1');
    expect((await rowOf(db.pool, 'hunt-000'))!).toMatchObject({ state: 'waiting', offers: 1 });
    // The next operator to free takes the first caller, before the third.
    await report(db.pool, ids.get('operator2')!, { state: 'available' });
    await waitFor(() => pbx.callers.get('hunt-000')!.phase === 'ringing');
    expect(pbx.callers.get('hunt-000')!.operator).toBe('operator2');
    expect(pbx.callers.get('hunt-002')!.phase).toBe('suspended');
    const history = await db.pool.query<{ state: string }>(
      `SELECT state FROM agent_state_history WHERE user_id = $1 ORDER BY id`,
      [ids.get('operator1')],
    );
    expect(history.rows.map((r) => r.state)).toEqual([
      'on_call',
      'available',
      'ringing',
      'available',
      'ringing',
    ]);
  });

  it('two server instances dispatching at once never double-book and never overtake', async () => {
    const a = await server(db.pool);
    const b = await server(poolB);
    const ids = await seedAgents(db.pool, names('two', 10), 'on_call');
    const pbx = await fakePbx([a, b]);
    const sim = operate(pbx, ids, () => Math.random() * 10);
    const callIds = await queueUp(pbx, 'twice', 60);
    await freeInRandomOrder(ids);
    await waitFor(
      async () => (await rowsOf(db.pool)).every((r) => r.state === 'answered'),
      30_000,
      'every caller answered',
    ).catch(async (e) => {
      const rows = await rowsOf(db.pool);
      console.log(JSON.stringify(rows.filter((r) => r.state !== 'answered')));
      console.log(JSON.stringify(pbx.pushes.slice(-10)), pbx.pushes.length);
      console.log(
        JSON.stringify(
          [...pbx.callers.values()]
            .filter((c) => c.phase !== 'answered')
            .map((c) => [c.callId, c.phase, c.answers]),
        ),
      );
      const ag = await db.pool.query(
        `SELECT a.state, a.reserved_until, u.username FROM agents a JOIN users u ON u.id=a.user_id`,
      );
      console.log(JSON.stringify(ag.rows));
      throw e;
    });
    await sim.settled();
    expect(sim.result.overtakes).toBe(0);
    expect(sim.result.doubleBooked).toBe(0);
    expect([...sim.result.offers].sort()).toEqual(callIds);
    expect((await rowsOf(db.pool)).every((r) => r.offers === 1)).toBe(true);
  });

  it('carries on in order after the server restarts while callers wait', async () => {
    const first = await server();
    const ids = await seedAgents(db.pool, names('rs', 4), 'on_call');
    const pbx = await fakePbx([first]);
    const callIds = await queueUp(pbx, 'restart', 12);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    // A new process on the same database; the PBX's callers are still suspended there.
    const second = await server(db.pool);
    pbx.apps.splice(0, 1, second);
    const sim = operate(pbx, ids, () => Math.random() * 10);
    await freeInRandomOrder(ids);
    await waitFor(async () => (await rowsOf(db.pool)).every((r) => r.state === 'answered'), 20_000);
    await sim.settled();
    expect(sim.result.overtakes).toBe(0);
    expect([...sim.result.offers].sort()).toEqual(callIds);
  });
});

async function insertAppeal(phone: string, { priority, status }: { priority: boolean; status: string }) {
  await db.pool.query(
    `INSERT INTO appeals (id, center_code, year, provisional_number, operator_id, type, status, priority,
                          received_on, deadline_on, category_id, executor_id, record)
     VALUES (gen_random_uuid(), '1551', 2026, 'P-test-' || floor(random() * 1e6)::text, 'x', 'complaint', $2,
             $3, current_date, current_date + 15, 'c', 'e', jsonb_build_object('applicant',
             jsonb_build_object('phones', jsonb_build_array($1::text))))`,
    [phone, status, priority],
  );
}
