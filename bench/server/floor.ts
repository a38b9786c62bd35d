// The floor's figures (issue 13, "Performance"), against the server in its own process and a real
// embedded PostgreSQL:
// (a) the day's metrics (GET /api/v1/queue/metrics) over a day of 20,000 hotline calls with 200
//     agents' state history (bench/support/queueDay.ts; the day before and the same weekday a week
//     before are seeded too), beside a bare baseline: one plain aggregate of the same calls by
//     quarter hour straight to PostgreSQL;
// (b) the board: 200 agents signed in on the live channel (real WebSocket clients of real accounts)
//     and a team lead subscribed; an agent reports a new state and the lead's socket receives
//     agent.changed, beside a bare baseline: a PostgreSQL NOTIFY round trip.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import WebSocket from 'ws';
import { localDateOf, addDays } from '../../src/shared/domain/localDate';
import { LIVE_PATH, type LiveServerMessage } from '../../src/shared/softphone/live';
import type { AgentState } from '../../src/shared/softphone/agent';
import { DayMetrics } from '../../src/shared/queue/metrics';
import { referenceGroupTree } from '../../src/server/metrics/categoryGroups';
import { dayMetrics } from '../../src/server/metrics/dayMetrics';
import { seedQueueDay } from '../support/queueDay';
import { percentile, type BenchRow } from '../report';
import {
  pushTemplateAppeal,
  BENCH_PASSWORD,
  signIn,
  startBenchServer,
  type BenchSignIn,
} from '../serverSetup';

const RUNS = Number(process.env['BENCH_FLOOR_RUNS'] || 20);
const CHANGES = Number(process.env['BENCH_FLOOR_CHANGES'] || 500);
const AGENTS = Number(process.env['BENCH_FLOOR_AGENTS'] || 200);
const CALLS = Number(process.env['BENCH_FLOOR_CALLS'] || 20_000);
// The server process's zone: serverProcess.ts reads no environment, so the default of the `ua` rules.
const ZONE = 'Europe/Kyiv';

const row = (name: string, samples: number[], target: number | null): BenchRow => {
  const value = percentile(samples, 95);
  console.log(
    `  (${name}: p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${value.toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms, n ${samples.length})`,
  );
  return {
    name,
    value,
    unit: 'ms',
    target: target === null ? 'baseline' : `<= ${target} ms`,
    pass: target === null ? null : value <= target,
  };
};
const p50 = (name: string, samples: number[]): BenchRow => ({
  name,
  value: percentile(samples, 50),
  unit: 'ms',
  target: 'p50',
  pass: null,
});

async function timed(run: () => Promise<unknown>, samples: number, warmUp = 3): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

interface Socket {
  ws: WebSocket;
  next<T extends LiveServerMessage['type']>(
    type: T,
    match?: (m: Extract<LiveServerMessage, { type: T }>) => boolean,
  ): Promise<Extract<LiveServerMessage, { type: T }>>;
}

/** A live socket signed in with `token`; `next` resolves on the first matching message from now on. */
async function liveSocket(baseUrl: string, token: string, deviceId: string): Promise<Socket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${LIVE_PATH}`);
  const waiters = new Set<(m: LiveServerMessage) => boolean>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveServerMessage;
    for (const waiter of waiters) if (waiter(message)) waiters.delete(waiter);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const socket: Socket = {
    ws,
    next: (type, match = () => true) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${type} within 10 s`));
        }, 10_000);
        const waiter = (m: LiveServerMessage) => {
          if (m.type !== type || !match(m as never)) return false;
          clearTimeout(timer);
          resolve(m as never);
          return true;
        };
        waiters.add(waiter);
      }),
  };
  const welcome = socket.next('welcome');
  ws.send(JSON.stringify({ type: 'hello', token, deviceId }));
  await welcome;
  return socket;
}

async function metricsBench(
  server: { url: string; pool: pg.Pool },
  lead: BenchSignIn,
  day: string,
): Promise<BenchRow[]> {
  const url = `${server.url}/api/v1/queue/metrics?day=${day}`;
  const fetchMetrics = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${lead.token}` } });
    const text = await res.text();
    if (!res.ok) throw new Error(`metrics: ${res.status} ${text.slice(0, 200)}`);
    return text;
  };
  const m = DayMetrics.parse(JSON.parse(await fetchMetrics()));
  console.log(
    `  the day: ${m.totals.offered} offered, ${m.totals.answered} answered, service level ` +
      `${((m.totals.serviceLevel ?? 0) * 100).toFixed(1)}%, ASA ${m.totals.asaSeconds} s, AHT ${m.totals.ahtSeconds} s, ` +
      `occupancy ${((m.totals.occupancy ?? 0) * 100).toFixed(1)}%, ${m.operators.length} operators, ` +
      `${m.categoryGroups.reduce((n, g) => n + g.day, 0)} appeals`,
  );
  const served = await timed(fetchMetrics, RUNS);
  const { rows } = await server.pool.query<{ start: Date; end: Date }>(
    `SELECT $1::date::timestamp AT TIME ZONE $2 AS start, ($1::date + 1)::timestamp AT TIME ZONE $2 AS end`,
    [day, ZONE],
  );
  const { start, end } = rows[0]!;
  // The same computation in this process straight on the pool: the server's figure without HTTP,
  // sign-in and JSON.
  const direct = await timed(
    () =>
      dayMetrics(server.pool, {
        day,
        timeZone: ZONE,
        intervalMinutes: 15,
        thresholdSeconds: 20,
        asOf: new Date(),
        groups: referenceGroupTree(),
      }),
    RUNS,
  );
  const bare = await timed(
    () =>
      server.pool.query(
        `SELECT floor(extract(epoch FROM entered_at - $1::timestamptz) / 900)::int AS i, count(*)
           FROM queue_calls WHERE entered_at >= $1 AND entered_at < $2 GROUP BY 1`,
        [start, end],
      ),
    RUNS,
  );
  return [
    p50('metrics of a 20,000-call day (REST) p50', served),
    row('metrics of a 20,000-call day (REST) p95', served, 200),
    p50('  the same figures without HTTP (dayMetrics on the pool) p50', direct),
    p50('  bare SQL: calls counted by quarter hour p50', bare),
    row('  bare SQL: calls counted by quarter hour p95', bare, null),
  ];
}

async function boardBench(
  server: { url: string; pool: pg.Pool },
  agents: { id: string; username: string }[],
): Promise<BenchRow[]> {
  // Real accounts signed in, each on its own device, a few at a time (sign-in hashes the password).
  const signedIn: BenchSignIn[] = [];
  for (let i = 0; i < agents.length; i += 20) {
    signedIn.push(...(await Promise.all(agents.slice(i, i + 20).map((a) => signIn(server.url, a.username)))));
  }
  const desks: Socket[] = [];
  for (let i = 0; i < signedIn.length; i += 50) {
    desks.push(
      ...(await Promise.all(
        signedIn.slice(i, i + 50).map((s) => liveSocket(server.url, s.token, s.deviceId)),
      )),
    );
  }
  await Promise.all(
    desks.map(async (desk) => {
      const ack = desk.next('agent.ack');
      desk.ws.send(
        JSON.stringify({ type: 'agent.state', state: { state: 'available' }, sipRegistered: true }),
      );
      await ack;
    }),
  );
  const lead = await signIn(server.url, 'lead');
  const board = await liveSocket(server.url, lead.token, lead.deviceId);
  const list = board.next('agents');
  board.ws.send(JSON.stringify({ type: 'agents.subscribe' }));
  const { agents: shown } = await list;
  console.log(
    `  ${desks.length} agents signed in on the live channel; the lead's board lists ${shown.length}`,
  );

  const states: AgentState[] = [
    { state: 'break', reason: 'personal' },
    { state: 'available' },
    { state: 'break', reason: 'technical' },
    { state: 'available' },
  ];
  let change = 0;
  const oneChange = async () => {
    const k = change % desks.length;
    const state = states[Math.floor(change / desks.length) % states.length]!;
    change++;
    const userId = signedIn[k]!.userId;
    const seen = board.next(
      'agent.changed',
      (m) => m.agent.userId === userId && JSON.stringify(m.agent.state) === JSON.stringify(state),
    );
    desks[k]!.ws.send(JSON.stringify({ type: 'agent.state', state, sipRegistered: true }));
    await seen;
  };
  const changes = await timed(oneChange, CHANGES, 20);

  const listener = new pg.Client({ connectionString: server.pool.options.connectionString });
  await listener.connect();
  await listener.query('LISTEN bench_round_trip');
  let wake: ((payload: string) => void) | null = null;
  listener.on('notification', (n) => wake?.(n.payload ?? ''));
  const notify = async () => {
    const token = randomUUID();
    const heard = new Promise<void>((resolve) => {
      wake = (payload) => {
        if (payload === token) resolve();
      };
    });
    await server.pool.query('SELECT pg_notify($1, $2)', ['bench_round_trip', token]);
    await heard;
  };
  const bare = await timed(notify, CHANGES, 20);
  await listener.end();
  for (const s of [...desks, board]) s.ws.close();
  return [
    p50(`board update, ${desks.length} agents signed in: state -> lead's agent.changed p50`, changes),
    row(`board update, ${desks.length} agents signed in: state -> lead's agent.changed p95`, changes, 1000),
    p50('  bare: a PostgreSQL NOTIFY round trip p50', bare),
    row('  bare: a PostgreSQL NOTIFY round trip p95', bare, null),
  ];
}

export async function runFloorBench(): Promise<BenchRow[]> {
  const server = await startBenchServer();
  const rows: BenchRow[] = [];
  try {
    const operator = await signIn(server.url, 'operator1');
    const templateId = await pushTemplateAppeal(server.url, operator);
    const day = addDays(localDateOf(new Date(), ZONE), -1);
    const seeding = performance.now();
    let seeded = null;
    // In time order: each day's agents end it offline, the next day closes that interval.
    for (const [i, d] of [addDays(day, -7), addDays(day, -1), day].entries()) {
      seeded = await seedQueueDay(server.pool, {
        day: d,
        timeZone: ZONE,
        calls: CALLS,
        agents: AGENTS,
        password: BENCH_PASSWORD,
        appealTemplateId: templateId,
        seed: 1551 + i,
      });
    }
    // A past day's rows are all-visible once autovacuum has passed, as it does on an insert-heavy
    // table; the bench does it at once.
    await server.pool.query('VACUUM ANALYZE');
    console.log(
      `seeded 3 days in ${((performance.now() - seeding) / 1000).toFixed(1)} s; the measured day ${day}: ` +
        `${seeded!.calls} calls (${seeded!.answered} answered, ${seeded!.abandoned} abandoned, ${seeded!.timedOut} timed out, ` +
        `${seeded!.failed} failed), ${seeded!.historyRows} state intervals of ${seeded!.agents.length} agents, ${seeded!.appeals} appeals`,
    );
    const lead = await signIn(server.url, 'lead');
    const load = () =>
      loadavg()
        .map((n) => n.toFixed(1))
        .join(' ');
    console.log(`  load average before the metrics: ${load()}`);
    rows.push(...(await metricsBench(server, lead, day)));
    console.log(`  load average before the board: ${load()}`);
    rows.push(...(await boardBench(server, seeded!.agents)));
  } finally {
    await server.stop();
  }
  return rows;
}
