// The queue's times tell the order things happened in (real embedded PostgreSQL): entries, offers and
// agent history are stamped at the moment of the change under the queue's lock, not when a
// transaction that waited for the lock began; callers are served in the order they reached the PBX
// (its `arrived` time, trusted from the longest wait before the server's clock to 5 s after it), not
// the order their queries committed; and an operator on a call is never offered a queued caller,
// whatever order the PBX's events and the workstation's reports come in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentCallId } from '../../../src/shared/softphone/agent';
import type { PoolClient } from '../../../src/server/db/pool';
import {
  confirmAnswered,
  dispatch,
  lockQueue,
  routeCall,
  type QueueTimings,
} from '../../../src/server/queue/store';
import { bearer, startServerDatabase, type ServerDatabase } from '../server/serverHarness';
import {
  FakePbx,
  HOTLINE,
  PBX_TOKEN,
  fastQueue,
  queueServer,
  report,
  rowOf,
  routeUrl,
  seedAgents,
  waitFor,
} from './queueHarness';

let db: ServerDatabase;
const apps: FastifyInstance[] = [];
const pbxes: FakePbx[] = [];
const timings: QueueTimings = { settings: fastQueue(), staleSeconds: 60, reservationSeconds: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = await startServerDatabase();
});
afterAll(async () => {
  await Promise.all(pbxes.splice(0).map((p) => p.stop()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await db?.stop();
});
beforeEach(async () => {
  await Promise.all(pbxes.splice(0).map((p) => p.stop()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await db.pool.query('DELETE FROM queue_calls');
  await db.pool.query('DELETE FROM agent_state_history');
  await db.pool.query('DELETE FROM agents');
});

/** A transaction begun now (its now() fixed here) that the test runs statements in later. */
async function begin(): Promise<PoolClient> {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  await client.query('SELECT now()');
  return client;
}
async function commit(client: PoolClient) {
  await client.query('COMMIT');
  client.release();
}

const route = (callId: string) => ({
  queue: HOTLINE,
  callId,
  from: '+380441234567',
  boot: 'boot-timing-1',
  controlUrl: 'http://127.0.0.1:9',
  tIndex: 1,
  tLabel: 1,
  tried: [],
});

const times = async (callId: string) =>
  (
    await db.pool.query<{ id: string; entered_at: Date; offered_at: Date | null; arrived_at: Date }>(
      `SELECT id::text, entered_at, offered_at, arrived_at FROM queue_calls WHERE sip_call_id = $1`,
      [agentCallId(callId)],
    )
  ).rows[0]!;

async function history(userId: string) {
  const { rows } = await db.pool.query<{ state: string; started: number; ended: number | null }>(
    `SELECT state, extract(epoch FROM started_at)::float8 AS started,
            extract(epoch FROM ended_at)::float8 AS ended
       FROM agent_state_history WHERE user_id = $1 ORDER BY started_at, id`,
    [userId],
  );
  return rows;
}

async function makeAvailable(userId: string) {
  await report(db.pool, userId, { state: 'available' });
}

describe('the queue stamps each change when it happens, under the lock', () => {
  it('a dispatch that waited for the lock dates its offer and the ringing after what it saw', async () => {
    const ids = await seedAgents(db.pool, ['timingA', 'timingB'], 'on_call');
    for (const callId of ['t-first', 't-second']) {
      const answer = await db.pool.connect().then(async (c) => {
        await c.query('BEGIN');
        const routed = await routeCall(c, route(callId), timings);
        await commit(c);
        return routed.answer;
      });
      expect(answer.status).toBe(202);
    }
    // The second dispatch's transaction begins first, then waits (here: the test holds it) while
    // another dispatch offers the first caller and the second operator frees.
    const early = await begin();
    await sleep(150);
    await makeAvailable(ids.get('timingA')!);
    const late = await begin();
    await lockQueue(late, HOTLINE);
    await dispatch(late, HOTLINE, timings);
    await commit(late);
    await sleep(150);
    await makeAvailable(ids.get('timingB')!);
    await lockQueue(early, HOTLINE);
    await dispatch(early, HOTLINE, timings);
    await commit(early);

    const first = await times('t-first');
    const second = await times('t-second');
    expect(Number(first.id)).toBeLessThan(Number(second.id));
    expect(first.entered_at.getTime()).toBeLessThanOrEqual(second.entered_at.getTime());
    expect(first.offered_at!.getTime()).toBeLessThan(second.offered_at!.getTime());
    // timingB's history: on_call, available (when it freed), ringing (the offer) after it.
    const b = await history(ids.get('timingB')!);
    expect(b.map((h) => h.state)).toEqual(['on_call', 'available', 'ringing']);
    expect(b[2]!.started).toBeGreaterThanOrEqual(b[1]!.started);
    expect(b[1]!.ended).toBe(b[2]!.started);
    expect(second.offered_at!.getTime() / 1000).toBeGreaterThanOrEqual(b[1]!.started - 0.001);
  });

  it('entry order is id order even when the later id began its transaction first', async () => {
    await seedAgents(db.pool, ['timingC'], 'on_call');
    const early = await begin();
    await sleep(100);
    const late = await begin();
    await routeCall(late, route('e-one'), timings);
    await commit(late);
    await routeCall(early, route('e-two'), timings);
    await commit(early);
    const one = await times('e-one');
    const two = await times('e-two');
    expect(Number(one.id)).toBeLessThan(Number(two.id));
    expect(one.entered_at.getTime()).toBeLessThanOrEqual(two.entered_at.getTime());
    // No arrival time from the PBX: arrived when it entered.
    expect(one.arrived_at.getTime()).toBe(one.entered_at.getTime());
  });
});

describe("callers are served in the order they reached the PBX (its 'arrived' time)", () => {
  async function ask(app: FastifyInstance, callId: string, tIndex: number, arrived?: number) {
    const res = await app.inject({
      method: 'GET',
      url: routeUrl({
        callId,
        from: '+380441234567',
        boot: 'boot-arrival-1',
        ctl: 'http://127.0.0.1:9',
        tindex: String(tIndex),
        tlabel: String(tIndex + 1000),
        ...(arrived === undefined ? {} : { arrived: String(arrived) }),
      }),
      headers: bearer(PBX_TOKEN),
    });
    return { status: res.statusCode, body: res.body };
  }

  it('an INVITE that arrived first is ahead of one whose query committed first', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 60_000 });
    apps.push(app);
    const ids = await seedAgents(db.pool, ['arrivalA'], 'on_call');
    const now = Date.now();
    expect(await ask(app, 'a-late', 1, now - 200)).toEqual({ status: 202, body: '1' });
    expect(await ask(app, 'a-early', 2, now - 500)).toEqual({ status: 202, body: '1' });
    expect(await ask(app, 'a-none', 3)).toEqual({ status: 202, body: '3' });
    // A query that reached the server 30 s after its INVITE (a burst held the PBX's workers) keeps
    // the caller's place: ahead of everyone who called after them.
    expect(await ask(app, 'a-delayed', 6, now - 30_000)).toEqual({ status: 202, body: '1' });
    // Longer ago than anyone may wait, or ahead of the server's clock: not trusted, the server's
    // entry time (behind everyone).
    expect(await ask(app, 'a-skewed', 4, now - 3_600_000)).toEqual({ status: 202, body: '5' });
    expect(await ask(app, 'a-ahead', 5, now + 60_000)).toEqual({ status: 202, body: '6' });
    // The PBX's question again (resumed) keeps the place, whatever it says then.
    expect(await ask(app, 'a-late', 1, now - 10)).toEqual({ status: 202, body: '3' });
    const skewed = await times('a-skewed');
    expect(skewed.arrived_at.getTime()).toBe(skewed.entered_at.getTime());
    expect((await times('a-early')).arrived_at.getTime()).toBe(now - 500);

    const { rows } = await db.pool.query<{ sip_call_id: string }>(
      `SELECT sip_call_id FROM queue_calls WHERE state = 'waiting' ORDER BY priority DESC, arrived_at, id`,
    );
    expect(rows.map((r) => r.sip_call_id)).toEqual(
      ['a-delayed', 'a-early', 'a-late', 'a-none', 'a-skewed', 'a-ahead'].map(agentCallId),
    );
    // The operator frees: the earliest arrival is offered, though it entered after three others.
    await makeAvailable(ids.get('arrivalA')!);
    await waitFor(async () => (await rowOf(db.pool, agentCallId('a-delayed')))?.state === 'offered', 5000);
    expect((await rowOf(db.pool, agentCallId('a-early')))!.state).toBe('waiting');
  });

  it('a caller received a moment earlier but asked about later still gets the one free operator (settleMs)', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 60_000, settleMs: 300 });
    apps.push(app);
    await seedAgents(db.pool, ['settleA']);
    const now = Date.now();
    // The PBX received s-early 40 ms before s-later, but its worker asked 100 ms after s-later's.
    const later = ask(app, 's-later', 11, now - 20);
    await sleep(100);
    const early = ask(app, 's-early', 12, now - 60);
    expect(await early).toEqual({ status: 200, body: 'settleA' });
    // Second: a caller ringing an operator is counted ahead (positionOf).
    expect(await later).toEqual({ status: 202, body: '2' });
    // An arrival older than the settle time is offered at once, as before.
    const { app: plain } = await queueServer(db.pool, { sweepMs: 60_000, settleMs: 300 });
    apps.push(plain);
    await seedAgents(db.pool, ['settleB']);
    const started = performance.now();
    expect(await ask(plain, 's-old', 13, Date.now() - 1_000)).toEqual({ status: 200, body: 'settleB' });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('a resumed caller already offered is answered, and confirmed, while a burst of new callers holds the queue', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 60_000 });
    apps.push(app);
    const ids = await seedAgents(db.pool, ['resumeA'], 'on_call');
    expect(await ask(app, 'r-offered', 7)).toEqual({ status: 202, body: '1' });
    await makeAvailable(ids.get('resumeA')!);
    await waitFor(async () => (await rowOf(db.pool, agentCallId('r-offered')))?.state === 'offered', 5000);
    // Another transaction (a new caller's question, say) holds the queue's lock meanwhile.
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await lockQueue(holder, HOTLINE);
      const answered = ask(app, 'r-offered', 7);
      const within = await Promise.race([
        answered,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000)),
      ]);
      expect(within).toEqual({ status: 200, body: 'resumeA' });
      // The operator's workstation reports the call: recorded answered meanwhile too (its next
      // report, available after the call, waits for this one).
      const confirmed = confirmAnswered(db.pool, ids.get('resumeA')!, agentCallId('r-offered')).then(
        () => true,
      );
      expect(
        await Promise.race([
          confirmed,
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000)),
        ]),
      ).toBe(true);
      expect((await rowOf(db.pool, agentCallId('r-offered')))!.state).toBe('answered');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });

  it('refuses a malformed arrival time', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 60_000 });
    apps.push(app);
    const res = await app.inject({
      method: 'GET',
      url: routeUrl({
        callId: 'bad',
        from: '1',
        boot: 'boot-arrival-1',
        ctl: 'http://127.0.0.1:9',
        tindex: '1',
        tlabel: '2',
        arrived: '17e12',
      }),
      headers: bearer(PBX_TOKEN),
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('an operator on a call is never offered a queued caller', () => {
  it('whatever order the PBX answered event and the workstation reports come in', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 50 });
    apps.push(app);
    const ids = await seedAgents(db.pool, ['busyA', 'busyB'], 'available', (i) => 100 - i);
    const pbx = new FakePbx([app]);
    await pbx.start();
    pbxes.push(pbx);
    expect(await pbx.call('b-1')).toEqual({ status: 200, body: 'busyA' });
    expect(await pbx.call('b-2')).toEqual({ status: 200, body: 'busyB' });
    expect(await pbx.call('b-3')).toEqual({ status: 202, body: '3' });
    const a = ids.get('busyA')!;
    const b = ids.get('busyB')!;
    // busyA: the PBX's answered first, then the workstation; busyB: the workstation first.
    await pbx.event('answered', 'b-1', 'busyA');
    await report(db.pool, a, { state: 'ringing', callId: agentCallId('b-1') });
    await report(db.pool, a, { state: 'on_call', callId: agentCallId('b-1') });
    await report(db.pool, b, { state: 'on_call', callId: agentCallId('b-2') });
    await pbx.event('answered', 'b-2', 'busyB');
    // busyB wraps up: still not free.
    await report(db.pool, b, { state: 'wrap_up', until: new Date(Date.now() + 60_000).toISOString() });
    await sleep(400); // the sweep dispatched several times meanwhile
    expect((await rowOf(db.pool, agentCallId('b-3')))!.state).toBe('waiting');
    const offeredWhileBusy = await db.pool.query(
      `SELECT 1 FROM agent_state_history h
        WHERE h.state = 'ringing' AND h.call_id = $1`,
      [agentCallId('b-3')],
    );
    expect(offeredWhileBusy.rowCount).toBe(0);
    // Only when busyA is free is b-3 offered, and to busyA.
    await makeAvailable(a);
    await waitFor(() => pbx.callers.get('b-3')!.phase === 'ringing', 5000, 'b-3 offered');
    expect(pbx.callers.get('b-3')!.operator).toBe('busyA');
    const h = await history(a);
    const ringing = h.filter((x) => x.state === 'ringing').at(-1)!;
    const available = h.filter((x) => x.state === 'available').at(-1)!;
    expect(ringing.started).toBeGreaterThanOrEqual(available.started);
    expect(h.every((x, i) => i === 0 || x.started >= h[i - 1]!.started)).toBe(true);
  });
});

describe('an operator who answers at the end of the ring is not offered another caller', () => {
  it('the PBX answered event renews the reservation until the workstation reports the call', async () => {
    const { app } = await queueServer(db.pool, { sweepMs: 50 }, { reservationSeconds: 2 });
    apps.push(app);
    const ids = await seedAgents(db.pool, ['lateAnswer', 'elsewhere'], 'available', (i) => 100 - i);
    await report(db.pool, ids.get('elsewhere')!, { state: 'on_call', callId: 'other-call' });
    const pbx = new FakePbx([app]);
    await pbx.start();
    pbxes.push(pbx);
    expect(await pbx.call('r-1')).toEqual({ status: 200, body: 'lateAnswer' });
    expect(await pbx.call('r-2')).toEqual({ status: 202, body: '2' });
    // Picked up near the end of the 2 s reservation; the workstation's on_call report is slow.
    await sleep(1500);
    await pbx.event('answered', 'r-1', 'lateAnswer');
    await sleep(1000); // past the first reservation: the sweeps ran many times
    expect((await rowOf(db.pool, 'r-2'))!.state).toBe('waiting');
    expect(pbx.callers.get('r-2')!.phase).toBe('suspended');
    const lateAnswer = ids.get('lateAnswer')!;
    await report(db.pool, lateAnswer, { state: 'on_call', callId: agentCallId('r-1') });
    await sleep(300);
    expect((await rowOf(db.pool, 'r-2'))!.state).toBe('waiting');
    await makeAvailable(lateAnswer);
    await waitFor(() => pbx.callers.get('r-2')!.phase === 'ringing', 5000, 'r-2 offered');
    expect(pbx.callers.get('r-2')!.operator).toBe('lateAnswer');
    const h = (await history(lateAnswer)).map((x) => x.state);
    expect(h.slice(-4)).toEqual(['ringing', 'on_call', 'available', 'ringing']);
  });
});
