// How callers leave the queue other than by an answer, and what the server does when the PBX or the
// network misbehaves (real embedded PostgreSQL, fake PBX): hang-ups with the time waited, the max
// wait, a PBX restart, a lost or refused push, full and unstaffed queues, malformed queries.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startServerDatabase, type ServerDatabase } from '../server/serverHarness';
import {
  FakePbx,
  PBX_TOKEN,
  queueServer,
  report,
  routeUrl,
  rowOf,
  rowsOf,
  seedAgents,
  waitFor,
} from './queueHarness';

let db: ServerDatabase;
const apps: FastifyInstance[] = [];
const pbxes: FakePbx[] = [];

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

async function setup(queue = {}) {
  const { app } = await queueServer(db.pool, queue);
  apps.push(app);
  const pbx = new FakePbx([app]);
  await pbx.start();
  pbxes.push(pbx);
  return { app, pbx };
}

const agentState = async (username: string) =>
  (
    await db.pool.query<{ state: { state: string; callId?: string } }>(
      `SELECT a.state FROM agents a JOIN users u ON u.id = a.user_id WHERE u.username = $1`,
      [username],
    )
  ).rows[0]!.state;

describe('callers who leave without an operator', () => {
  it('records a hang-up while waiting as abandoned with the time waited', async () => {
    const { pbx } = await setup();
    await seedAgents(db.pool, ['operator1'], 'on_call');
    expect((await pbx.call('leaver')).status).toBe(202);
    expect((await pbx.call('stayer')).body).toBe('2');
    await new Promise((r) => setTimeout(r, 300));
    expect(await pbx.event('abandoned', 'leaver')).toBe(204);
    const row = (await rowOf(db.pool, 'leaver'))!;
    expect(row).toMatchObject({ state: 'abandoned', end_cause: 'caller_hung_up' });
    expect(row.waited).toBeGreaterThanOrEqual(0.3);
    expect(row.waited).toBeLessThan(5);
    // Idempotent: a repeated or late event changes nothing.
    expect(await pbx.event('abandoned', 'leaver')).toBe(204);
    expect(await pbx.event('answered', 'leaver', 'operator1')).toBe(204);
    expect((await rowOf(db.pool, 'leaver'))!.state).toBe('abandoned');
    // The one behind moves up.
    expect(await pbx.ask(pbx.callers.get('stayer')!)).toEqual({ status: 202, body: '1' });
  });

  it('frees the operator a caller was ringing when it hangs up, for the next caller', async () => {
    const { pbx } = await setup();
    const ids = await seedAgents(db.pool, ['operator1']);
    expect(await pbx.call('ringing-leaver')).toEqual({ status: 200, body: 'operator1' });
    expect((await pbx.call('next')).status).toBe(202);
    await report(db.pool, ids.get('operator1')!, { state: 'ringing', callId: 'ringing-leaver' });
    expect(await pbx.event('abandoned', 'ringing-leaver')).toBe(204);
    expect((await rowOf(db.pool, 'ringing-leaver'))!).toMatchObject({
      state: 'abandoned',
      end_cause: 'caller_hung_up',
    });
    // Released and offered the next caller at once (the push resumes it).
    await waitFor(() => pbx.callers.get('next')!.phase === 'ringing', 5000, 'next offered');
    expect(pbx.callers.get('next')!.operator).toBe('operator1');
    expect(await agentState('operator1')).toEqual({ state: 'ringing', callId: 'next' });
  });

  it('gives up on a caller past the max wait: pushed, answered 410 timed_out, recorded', async () => {
    const { pbx } = await setup({ maxWaitSeconds: 1 });
    await seedAgents(db.pool, ['operator1'], 'on_call');
    expect((await pbx.call('patient')).status).toBe(202);
    await waitFor(() => pbx.callers.get('patient')!.phase === 'gone', 5000, 'timed out');
    expect(pbx.callers.get('patient')!.answers.at(-1)).toEqual({ status: 410, body: 'timed_out' });
    expect(pbx.pushes.length).toBeGreaterThanOrEqual(1);
    const row = (await rowOf(db.pool, 'patient'))!;
    expect(row).toMatchObject({ state: 'timed_out', end_cause: 'max_wait' });
    expect(row.waited).toBeGreaterThanOrEqual(1);
    // The PBX's own bound reporting later changes nothing.
    expect(await pbx.event('timed_out', 'patient')).toBe(204);
    expect((await rowOf(db.pool, 'patient'))!.state).toBe('timed_out');
  });

  it('closes a caller whose PBX is gone without a word as timed out, past the max wait', async () => {
    const { pbx } = await setup({ maxWaitSeconds: 1, forgottenAfterSeconds: 1 });
    await seedAgents(db.pool, ['operator1'], 'on_call');
    await pbx.call('orphan');
    pbx.blackhole = true; // the PBX is gone: pushes are never answered, it never asks again
    await waitFor(async () => (await rowOf(db.pool, 'orphan'))!.state === 'timed_out', 10_000, 'closed');
    const row = (await rowOf(db.pool, 'orphan'))!;
    expect(row.end_cause).toBe('max_wait');
    expect(row.waited).toBeGreaterThanOrEqual(2);
  });

  it('records the PBX giving up on its own (timed_out event)', async () => {
    const { pbx } = await setup();
    await seedAgents(db.pool, ['operator1'], 'on_call');
    await pbx.call('pbx-bound');
    expect(await pbx.event('timed_out', 'pbx-bound')).toBe(204);
    expect((await rowOf(db.pool, 'pbx-bound'))!).toMatchObject({ state: 'timed_out', end_cause: 'max_wait' });
  });

  it('refuses a caller at once when the queue is full or nobody is signed in', async () => {
    const { pbx } = await setup({ capacity: 2 });
    expect(await pbx.call('nobody-here')).toEqual({ status: 410, body: 'no_operator' });
    expect((await rowOf(db.pool, 'nobody-here'))!).toMatchObject({
      state: 'failed',
      end_cause: 'no_operator',
    });
    await seedAgents(db.pool, ['operator1'], 'on_call');
    expect((await pbx.call('one')).status).toBe(202);
    expect((await pbx.call('two')).status).toBe(202);
    expect(await pbx.call('three')).toEqual({ status: 410, body: 'full' });
    expect((await rowOf(db.pool, 'three'))!).toMatchObject({ state: 'failed', end_cause: 'no_operator' });
  });
});

describe('a PBX that restarts, loses a push or lost the caller', () => {
  it('closes callers of an old PBX boot as line lost on its boot event, freeing their operators', async () => {
    const { pbx } = await setup();
    const ids = await seedAgents(db.pool, ['operator1', 'operator2'], 'on_call');
    await report(db.pool, ids.get('operator1')!, { state: 'available' });
    await pbx.call('lost-ringing');
    await pbx.call('lost-waiting');
    expect((await rowOf(db.pool, 'lost-ringing'))!.state).toBe('offered');
    // The PBX restarts with a new boot id and says so.
    pbx.boot = 'boot-after-restart';
    expect(await pbx.event('boot', null)).toBe(204);
    const rows = await rowsOf(db.pool);
    expect(rows.map((r) => [r.sip_call_id, r.state, r.end_cause])).toEqual([
      ['lost-ringing', 'abandoned', 'line_lost'],
      ['lost-waiting', 'abandoned', 'line_lost'],
    ]);
    expect(await agentState('operator1')).toEqual({ state: 'available' });
  });

  it('closes them too when the first query of a new boot arrives before its boot event', async () => {
    const { pbx } = await setup();
    await seedAgents(db.pool, ['operator1'], 'on_call');
    await pbx.call('old-boot');
    pbx.boot = 'boot-new-process';
    expect((await pbx.call('new-boot')).body).toBe('1');
    expect((await rowOf(db.pool, 'old-boot'))!).toMatchObject({ state: 'abandoned', end_cause: 'line_lost' });
    expect((await rowOf(db.pool, 'new-boot'))!.state).toBe('waiting');
  });

  it('pushes again when the PBX does not ask about an offered caller', async () => {
    const { pbx } = await setup();
    const ids = await seedAgents(db.pool, ['operator1'], 'on_call');
    await pbx.call('lost-push');
    pbx.blackhole = true; // the first push is never answered (the server's 1 s timeout)
    await report(db.pool, ids.get('operator1')!, { state: 'available' });
    await waitFor(async () => (await rowOf(db.pool, 'lost-push'))!.state === 'offered');
    await new Promise((r) => setTimeout(r, 200));
    pbx.blackhole = false;
    await waitFor(() => pbx.callers.get('lost-push')!.phase === 'ringing', 5000, 're-push');
    expect(pbx.callers.get('lost-push')!.operator).toBe('operator1');
    expect(pbx.pushes.filter((p) => p.status === 200)).toHaveLength(1);
  });

  it('closes a caller the PBX no longer holds (404) as line lost and frees its operator', async () => {
    const { pbx } = await setup();
    const ids = await seedAgents(db.pool, ['operator1'], 'on_call');
    await pbx.call('vanished');
    const caller = pbx.callers.get('vanished')!;
    pbx.override.set(`${caller.tIndex}:${caller.tLabel}`, 404);
    await pbx.call('behind');
    await report(db.pool, ids.get('operator1')!, { state: 'available' });
    await waitFor(async () => (await rowOf(db.pool, 'vanished'))!.state === 'abandoned', 5000, 'closed');
    expect((await rowOf(db.pool, 'vanished'))!.end_cause).toBe('line_lost');
    // Its operator goes to the next caller.
    await waitFor(() => pbx.callers.get('behind')!.phase === 'ringing', 5000, 'next offered');
    expect(pbx.callers.get('behind')!.operator).toBe('operator1');
  });
});

describe('malformed PBX queries', () => {
  const get = (app: FastifyInstance, url: string) =>
    app.inject({ method: 'GET', url, headers: bearer(PBX_TOKEN) });
  const good = { callId: 'c-1', from: '+380441234567', boot: 'boot-good-1', ctl: 'http://127.0.0.1:5080' };

  it('answers 400 naming the field, with nothing queued', async () => {
    const { app } = await setup();
    await seedAgents(db.pool, ['operator1']);
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...good, tindex: '1' }, /tlabel is required with boot, ctl, tindex/],
      [{ ...good, tindex: '-1', tlabel: '2' }, /tindex must be an unsigned integer/],
      [{ ...good, tindex: '99999999999', tlabel: '2' }, /tindex/],
      [{ ...good, boot: 'short', tindex: '1', tlabel: '2' }, /boot must be the PBX process id/],
      [{ ...good, ctl: 'http://pbx/x', tindex: '1', tlabel: '2' }, /ctl must be the PBX control base URL/],
      [{ ...good, ctl: 'file:///etc', tindex: '1', tlabel: '2' }, /ctl/],
      [{ ...good, tindex: '1', tlabel: '2', extra: 'x' }, /"path":"extra","code":"unknown_field"/],
    ];
    for (const [params, message] of cases) {
      const res = await get(app, routeUrl(params));
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(JSON.stringify(res.json().error), JSON.stringify(params)).toMatch(message);
    }
    const events: [string, RegExp][] = [
      ['event=answered&boot=boot-good-1&callId=x', /operator is required for answered/],
      ['event=abandoned&boot=boot-good-1', /callId is required for abandoned/],
      ['event=hangup&boot=boot-good-1&callId=x', /event must be one of/],
      ['event=boot', /boot/],
      ['event=abandoned&boot=boot-good-1&callId=x&operator=op', /operator goes only with answered/],
      ['event=answered&boot=boot-good-1&callId=x&operator=a%20b', /operator must be a SIP username/],
    ];
    for (const [query, message] of events) {
      const res = await get(app, `/api/v1/pbx/queue/event?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json().error), query).toMatch(message);
    }
    expect(await rowsOf(db.pool)).toEqual([]);
    // Unknown callers' events are well-formed: 204, nothing recorded.
    expect(
      (await get(app, '/api/v1/pbx/queue/event?event=abandoned&boot=boot-good-1&callId=nobody')).statusCode,
    ).toBe(204);
    // Without the PBX token: 401.
    const anonymous = await app.inject({
      method: 'GET',
      url: '/api/v1/pbx/queue/event?event=boot&boot=boot-good-1',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
