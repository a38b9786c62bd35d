// The team lead's floor against the real central server (Fastify + embedded PostgreSQL, its live
// hub and the override route): a lead's workstation behind the web host, spoken to as the browser
// page does, and an operator's workstation in-process. The board sees agents change within a second,
// the lead's override reaches the operator (adopted, announced with who and why, published back),
// a call in progress is never overridden, and after a network drop the board that missed the deltas
// ends up identical to the server's own list.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { startWebHost, type WebHost } from '../../../src/main/webHost/webHost';
import { connectApi, type ApiClient } from '../../../src/main/webHost/test/testClient';
import { FLOOR_MESSAGES } from '../../../src/main/floor';
import { defaultLiveSettings } from '../../../src/server/config';
import { listAgents } from '../../../src/server/agents/snapshots';
import { AGENT_OVERRIDE_CHANNEL } from '../../../src/server/agents/stateStore';
import type { EventName } from '../../../src/shared/ipc/contract';
import type { AgentOverride, FloorChange, FloorSnapshot } from '../../../src/shared/queue/floor';
import type { DayMetrics } from '../../../src/shared/queue/metrics';
import type { AgentSnapshot } from '../../../src/shared/softphone/agent';
import type { Result } from '../../../src/shared/result';
import { demoPassword, startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { RESOURCES_DIR, randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, FAST, until, value } from '../support/syncWorkstation';
import { fixedKey } from '../support/workstation';

const tempDir = useTempDirs('floor-');
/** The server's `connected` staleness for these timings (heartbeat 15 s * 3). */
const STALE_SECONDS = 45;

let server: RealServer;
let lead: Workstation;
let host: WebHost;
let board: ApiClient;
let rendererDir: string;
const opened: Workstation[] = [];

async function openWs(events: [EventName, unknown][] = []): Promise<Workstation> {
  const w = await openWorkstation({
    dataDir: tempDir(),
    keyProvider: fixedKey(randomKey()),
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: { serverUrl: server.url, tuning: FAST },
  });
  if (!w.ok) throw new Error(w.error.message);
  w.value.onEvent((event, payload) => events.push([event, payload]));
  opened.push(w.value);
  return withParsedInput(w.value);
}

const signIn = (w: Workstation, username: string) =>
  value(w.handlers['auth:login']({ username, password: demoPassword(username) }, ctx));

async function userId(username: string): Promise<string> {
  const { rows } = await server.pool.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  return rows[0]!.id;
}

/** The board's copy, kept as the cockpit keeps it: floor:snapshot once, then the events applied. */
function boardModel(client: ApiClient, rereadOnLive: boolean) {
  let view: FloorSnapshot | null = null;
  let seen = 0;
  const read = async () => {
    const r = (await client.call('floor:snapshot')) as Result<FloorSnapshot>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return {
    async start() {
      seen = client.events.length;
      view = await read();
    },
    async current(): Promise<FloorSnapshot> {
      while (seen < client.events.length) {
        const { event, payload } = client.events[seen++]!;
        if (event !== 'floor:changed') continue;
        const change = payload as FloorChange;
        if (change.kind === 'agent')
          view = {
            ...view!,
            agents: [...view!.agents.filter((a) => a.userId !== change.agent.userId), change.agent],
          };
        else if (change.kind === 'queue') view = { ...view!, queue: change.queue };
        else {
          view = { ...view!, live: change.live };
          if (change.live && rereadOnLive) view = await read();
        }
      }
      return view!;
    },
  };
}

const agentIn = (view: FloorSnapshot, id: string) => view.agents.find((a) => a.userId === id);
const byId = (agents: AgentSnapshot[]) => [...agents].sort((a, b) => a.userId.localeCompare(b.userId));

beforeAll(async () => {
  server = await startRealServer(
    {},
    { live: { ...defaultLiveSettings, offlineGraceMs: 1_000, sweepMs: 200 } },
  );
  rendererDir = mkdtempSync(join(tmpdir(), 'floor-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
  lead = await openWs();
  host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    workstation: lead,
    logger: pino({ level: 'silent' }),
  });
  board = await connectApi(host.url, { token: host.token });
}, 90_000);

afterAll(async () => {
  await board?.close();
  await host?.close();
  for (const w of opened) w.close();
  await server?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('the lead’s floor against the real server', () => {
  it('refuses the floor to an operator, and goes live for a signed-in lead with every agent and the queue', async () => {
    const operator = await openWs();
    await signIn(operator, 'operator3');
    expect(await operator.handlers['floor:snapshot']({}, ctx)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: FLOOR_MESSAGES.floorRoles },
    });
    const refused = await operator.handlers['floor:setAgentState'](
      { userId: await userId('operator1'), state: { state: 'available' }, reason: 'test' },
      ctx,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await value(operator.handlers['auth:logout']({}, ctx));

    expect(await board.call('floor:snapshot')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await signIn(lead, 'lead');
    const live = await until('the floor live', async () => {
      const r = (await board.call('floor:snapshot')) as Result<FloorSnapshot>;
      return r.ok && r.value.live && r.value.queue !== null ? r.value : null;
    });
    const usernames = live.agents.map((a) => a.username).sort();
    expect(usernames).toEqual(expect.arrayContaining(['lead', 'operator1', 'operator2', 'operator3']));
    expect(usernames).not.toContain('analyst');
    expect(live.queue).toMatchObject({ waiting: [] });
    expect(board.events.some((e) => e.event === 'floor:changed')).toBe(true);
  });

  it('shows an operator’s change within a second, and the lead’s override reaches the operator', async () => {
    const model = boardModel(board, true);
    await model.start();
    const events: [EventName, unknown][] = [];
    const operator = await openWs(events);
    // The operator's page in a browser too: the override reaches it as the other events do.
    const operatorHost = await startWebHost({
      port: 0,
      host: '127.0.0.1',
      rendererDir,
      workstation: operator,
      logger: pino({ level: 'silent' }),
    });
    const operatorPage = await connectApi(operatorHost.url, { token: operatorHost.token });
    await signIn(operator, 'operator1');
    const id = await userId('operator1');
    await value(operator.handlers['agent:set']({ state: { state: 'available' }, sipRegistered: true }, ctx));
    await until(
      'available on the board',
      async () => agentIn(await model.current(), id)?.state.state === 'available',
    );

    // The operator goes on a break: the board has it within a second.
    const started = Date.now();
    await value(operator.handlers['agent:set']({ state: { state: 'break', reason: 'lunch' } }, ctx));
    await until(
      'the break on the board',
      async () => agentIn(await model.current(), id)?.state.state === 'break',
      1_000,
    );
    const boardLatencyMs = Date.now() - started;

    // The lead ends the break: the server answers with the agent, the operator's workstation adopts it.
    const set = (await board.call('floor:setAgentState', {
      userId: id,
      state: { state: 'available' },
      reason: 'Break ran over',
    })) as Result<AgentSnapshot>;
    expect(set).toMatchObject({ ok: true, value: { userId: id, state: { state: 'available' } } });
    const overridden = await until('the override on the operator’s workstation', () =>
      events.find(([e]) => e === 'agent:overridden'),
    );
    expect(overridden[1] as AgentOverride).toMatchObject({
      state: { state: 'available' },
      reason: 'Break ran over',
      by: 'Demo Team Lead',
    });
    const onPage = await until('the override on the operator’s page', () =>
      operatorPage.events.find((e) => e.event === 'agent:overridden'),
    );
    expect(onPage.payload).toEqual(overridden[1]);
    await operatorPage.close();
    await operatorHost.close();
    const status = await until('published available', async () => {
      const s = await value(operator.handlers['agent:status']({}, ctx));
      return s.published && s.state.state === 'available' ? s : null;
    });
    expect(status.state).toEqual({ state: 'available' });
    await until(
      'available again on the board',
      async () => agentIn(await model.current(), id)?.state.state === 'available',
    );

    // A call in progress is never overridden: the server's 409 reaches the lead with its message.
    await value(
      operator.handlers['agent:set']({ state: { state: 'on_call', callId: 'floor-test-call' } }, ctx),
    );
    await until('on call on the server', async () => {
      const s = await value(operator.handlers['agent:status']({}, ctx));
      return s.published && s.state.state === 'on_call';
    });
    const refused = (await board.call('floor:setAgentState', {
      userId: id,
      state: { state: 'break', reason: 'meeting' },
      reason: 'Meeting',
    })) as Result<AgentSnapshot>;
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', issues: [{ code: 'call_in_progress' }] },
    });
    expect(!refused.ok && refused.error.message).toMatch(/call/);
    expect((await value(operator.handlers['agent:status']({}, ctx))).state.state).toBe('on_call');
    // The race the server cannot see (an override recorded just as a call began, e.g. through another
    // instance): the workstation keeps the call, announces nothing and publishes the call again, so
    // the server's record agrees with the workstation once more.
    await server.pool.query(
      `UPDATE agents SET state = '{"state":"break","reason":"meeting"}', since = now() WHERE user_id = $1`,
      [id],
    );
    const raced: AgentOverride = {
      state: { state: 'break', reason: 'meeting' },
      reason: 'Meeting',
      by: 'Demo Team Lead',
      at: new Date().toISOString(),
    };
    await server.pool.query('SELECT pg_notify($1, $2)', [
      AGENT_OVERRIDE_CHANNEL,
      JSON.stringify({ userId: id, override: raced }),
    ]);
    await until('the call back on the server', async () => {
      const { rows } = await server.pool.query<{ state: { state: string } }>(
        'SELECT state FROM agents WHERE user_id = $1',
        [id],
      );
      return rows[0]?.state.state === 'on_call';
    });
    expect((await value(operator.handlers['agent:status']({}, ctx))).state).toEqual({
      state: 'on_call',
      callId: 'floor-test-call',
    });
    expect(events.filter(([e]) => e === 'agent:overridden')).toHaveLength(1);
    // An agent the server does not know: 404 passed through.
    const unknown = await board.call('floor:setAgentState', {
      userId: '018f0000-0000-7000-8000-000000000000',
      state: { state: 'available' },
      reason: 'Typo',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    console.info(`floor: board saw the operator's change after ${boardLatencyMs} ms`);
  });

  it('after a network drop, a board that missed the deltas ends up identical to the server', async () => {
    const model = boardModel(board, true);
    const deltasOnly = boardModel(board, false);
    await model.start();
    await deltasOnly.start();
    expect((await model.current()).live).toBe(true);

    await server.stop();
    await until('the board says it is not live', async () => !(await model.current()).live);
    // Meanwhile on the server, with no live message sent: operator2's account was renamed and
    // operator3's disabled.
    const op2 = await userId('operator2');
    const op3 = await userId('operator3');
    await server.pool.query("UPDATE users SET name = 'Operator Two (renamed)' WHERE id = $1", [op2]);
    await server.pool.query('UPDATE users SET disabled = true WHERE id = $1', [op3]);
    try {
      await server.start();
      await until(
        'the board equal to the server',
        async () => {
          const view = await model.current();
          const truth = await listAgents(server.pool, STALE_SECONDS);
          return view.live && JSON.stringify(byId(view.agents)) === JSON.stringify(byId(truth));
        },
        15_000,
      );
      const view = await model.current();
      expect(agentIn(view, op2)?.name).toBe('Operator Two (renamed)');
      expect(agentIn(view, op3)).toBeUndefined();
      // Deltas alone bring every agent the server lists up to date; only the disabled one needs the re-read.
      await until('the deltas alone equal to the server but for the disabled account', async () => {
        const fromDeltas = await deltasOnly.current();
        const truth = await listAgents(server.pool, STALE_SECONDS);
        return (
          JSON.stringify(byId(fromDeltas.agents.filter((a) => a.userId !== op3))) ===
          JSON.stringify(byId(truth))
        );
      });
    } finally {
      await server.pool.query('UPDATE users SET disabled = false WHERE id = $1', [op3]);
      await server.pool.query("UPDATE users SET name = 'Demo Operator 2' WHERE id = $1", [op2]);
    }
  });
  it('reads the day’s figures for a lead and an analyst, and passes the server’s 400 through', async () => {
    const today = (await board.call('metrics:day', {})) as Result<DayMetrics>;
    expect(today).toMatchObject({ ok: true, value: { intervalMinutes: 15, thresholdSeconds: 20 } });
    // A day has 96 intervals of 15 minutes (92 or 100 on a clock change).
    expect(today.ok && today.value.intervals.length).toBeGreaterThanOrEqual(92);
    const hourly = (await board.call('metrics:day', {
      day: today.ok ? today.value.day : '',
      interval: 60,
      threshold: 30,
    })) as Result<DayMetrics>;
    expect(hourly).toMatchObject({ ok: true, value: { intervalMinutes: 60, thresholdSeconds: 30 } });

    const late = await board.call('metrics:day', { day: '2999-01-01' });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'day', code: 'out_of_range' }] },
    });
    expect(!late.ok && late.error.message).toMatch(/^day must be no later than/);

    const analyst = await openWs();
    await signIn(analyst, 'analyst');
    await until(
      'the analyst online',
      async () => (await value(analyst.handlers['sync:status']({}, ctx))).online,
    );
    expect(await analyst.handlers['metrics:day']({ interval: 30 }, ctx)).toMatchObject({
      ok: true,
      value: { intervalMinutes: 30 },
    });
    expect(await analyst.handlers['floor:snapshot']({}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
