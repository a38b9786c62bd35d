// The queue part of `npm run bench:sip` (SIP_BENCH_PARTS=queue, issue 13): many sipp citizens call
// the hotline within a few seconds and wait in the queue (their INVITEs suspended on the PBX,
// hearing ringback) while a few real operators (web host + Chromium page each) take them one by
// one. The figures come from three records of the same run (queueAnalysis.ts): sipp's message
// log, each page's watcher and the server's PostgreSQL, read as a witness.
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { agentCallId } from '../../src/shared/softphone/agent';
import { freePort } from '../../tests/sip/support/ports';
import { percentile, type BenchRow } from '../report';
import type { SipBenchEnvironment } from './environment';
import { row } from './measures';
import type { Operator } from './operator';
import { analyzeQueueRun, type QueueAnalysis } from './queueAnalysis';
import { runQueueSipp, type QueueCitizen } from './queueSipp';
import { clearQueuePageCalls, queuePageCalls, watchQueueCalls, type QueuePageCall } from './queueWatcher';
import { readQueueWitness, waitQueueSettled, type AgentInterval } from './queueWitness';

export interface QueueBenchConfig {
  callers: number;
  operators: number;
  /** Calls sipp starts per second. */
  ratePerSecond: number;
  /** Each citizen talks a time drawn uniformly from this range (ms), then hangs up. */
  talkMinMs: number;
  talkMaxMs: number;
  /** Direct calls to one operator (no queue) for the baseline; the first warms up. */
  directCalls: number;
  quick: boolean;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * SIP_BENCH_QUEUE_QUICK=1: 20 callers, 4 operators (about a minute with SIP_BENCH_STORE=none).
 * SIP_BENCH_QUEUE_CALLERS / _OPERATORS / _RATE / _TALK_MS ("2000-4000") override either.
 */
export function queueBenchConfig(env: NodeJS.ProcessEnv = process.env): QueueBenchConfig {
  const quick = env.SIP_BENCH_QUEUE_QUICK === '1';
  const talk = /^(\d+)-(\d+)$/.exec(env.SIP_BENCH_QUEUE_TALK_MS ?? '') ?? [null, '2000', '4000'];
  return {
    callers: positive(env.SIP_BENCH_QUEUE_CALLERS, quick ? 20 : 100),
    operators: positive(env.SIP_BENCH_QUEUE_OPERATORS, quick ? 4 : 10),
    ratePerSecond: positive(env.SIP_BENCH_QUEUE_RATE, quick ? 10 : 25),
    talkMinMs: Number(talk[1]),
    talkMaxMs: Math.max(Number(talk[1]), Number(talk[2])),
    directCalls: quick ? 6 : 11,
    quick,
  };
}

export function describeQueueBench(c: QueueBenchConfig): string {
  return `  queue        ${c.callers} sipp citizens call the hotline at ${c.ratePerSecond}/s (one sipp, distinct Call-IDs and
               caller numbers) while ${c.operators} operators (web host + Chromium page each, answering as soon as
               the card rings) take them; WRAP_UP_SECONDS=0; each citizen talks ${c.talkMinMs / 1000}-${c.talkMaxMs / 1000} s (uniform,
               seeded) and hangs up itself. Operators beyond ${c.operators} are put on a break for this part.
               Order: queue_calls (server's PostgreSQL) id vs each call's first offer (the agent reserved
               ringing it, agent_state_history), and sipp's INVITE send times vs that offer and vs its
               200 OK. "Freed -> next caller ringing": sipp's BYE of the operator's previous call to the
               next caller's card in that operator's page, counted when that caller was already waiting;
               split into BYE -> available at the server -> offered -> ringing. Baselines in the same
               run: direct calls to one operator (no queue), INVITE -> ringing, and the server's own
               dispatch (available -> offered).`;
}

/** A deterministic talk time per caller (a small LCG): runs are comparable. */
function talkTimes(count: number, min: number, max: number): number[] {
  let seed = 13;
  return Array.from({ length: count }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return min + ((max - min) * seed) / 2_147_483_648;
  });
}

// The benchmark's citizens' numbers differ in their last six digits (queueAnalysis.callerKey).
const queueNumber = (i: number) => `+38067${String(1_000_000 + i).padStart(7, '0')}`;
const directNumber = (i: number) => `+38068${String(9_500_000 + i).padStart(7, '0')}`;

async function pickAgentState(page: Page, option: string | RegExp, state: string): Promise<void> {
  const target = page.locator(`[data-testid="agent-state"][data-state="${state}"]`);
  for (let attempt = 1; ; attempt++) {
    if ((await target.count()) > 0) return;
    await page.getByTestId('agent-state').click();
    await page.getByRole('option', { name: option }).first().click();
    try {
      await target.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

const available = (page: Page) =>
  page.locator('[data-testid="agent-state"][data-state="available"]').waitFor({ timeout: 20_000 });

const sipPorts = async () => ({ localPort: await freePort(), mediaPort: await freePort() });

/** Baseline: hotline bypassed, sipp calls one operator's SIP user directly, one call at a time. */
async function directBaseline(env: SipBenchEnvironment, op: Operator, calls: number): Promise<number[]> {
  const rings: number[] = [];
  for (let i = 0; i < calls; i++) {
    await available(op.page);
    await clearQueuePageCalls(op.page);
    const outcome = await runQueueSipp({
      remote: env.pbx.sipTarget,
      ...(await sipPorts()),
      service: op.username,
      citizens: [{ number: directNumber(i), talkMs: 300 }],
      ratePerSecond: 1,
      timeoutSeconds: 20,
    });
    const [sent] = outcome.calls;
    const [seen] = await queuePageCalls(op.page);
    // The first call warms the page's code paths: placed like the rest, not counted.
    if (i > 0 && sent?.finalStatus === 200 && seen) rings.push(seen.ringAt - sent.inviteAt);
  }
  return rings;
}

const sec = (ms: number) => (ms / 1000).toFixed(2);
const max = (values: readonly number[]) => (values.length ? Math.max(...values) : Number.NaN);

function printDiagnostics(
  a: QueueAnalysis,
  exitCode: number | null,
  perOperator: Map<string, number>,
  intervals: readonly AgentInterval[],
) {
  const finals = new Map<string, number>();
  for (const c of a.calls) {
    const key = String(c.sipp.finalStatus ?? 'no answer');
    finals.set(key, (finals.get(key) ?? 0) + 1);
  }
  const served = [...perOperator.values()];
  console.log(
    `  sipp exit ${exitCode}; INVITE final answers ${[...finals].map(([k, n]) => `${k}: ${n}`).join(', ')}; ` +
      `calls per operator page ${Math.min(...served)}-${Math.max(...served)}; ` +
      `calls offered more than once ${a.reOffered}; next caller offered to an operator the server did not ` +
      `have available after its previous call ${a.offeredNotFromAvailable} of ${a.gaps.length}; arrival order at the server differs from sipp's INVITE ` +
      `order in ${a.arrivalReorders} pairs`,
  );
  const cutOff = a.calls.filter((c) => c.sipp.finalStatus === null && c.sipp.statuses.length > 0).length;
  if (cutOff > 0)
    console.log(`  ${cutOff} callers had no final answer when sipp's timeout ended the run (still waiting)`);
  // The server stamps offers with its transaction's start (now()): two dispatch transactions that
  // overlap on the queue's lock can show a few ms inverted; a margin says which kind this is.
  for (const v of a.byIdInversions.slice(0, 10))
    console.log(`  offered out of order: #${v.later} before #${v.earlier}, by ${v.byMs.toFixed(0)} ms`);
  for (const l of a.lost.slice(0, 10)) console.log(`  lost: ${l.callId} (${l.why})`);
  if (a.lost.length > 10) console.log(`  ... and ${a.lost.length - 10} more lost`);
  if (process.env.SIP_BENCH_TRACE !== '1') return;
  // One line per call, seconds from the first INVITE: id, INVITE, first offer, rang (page), 200, BYE.
  const from = a.calls[0]?.sipp.inviteAt ?? 0;
  const t = (v: number | null | undefined) => (v === null || v === undefined ? '-' : sec(v - from));
  for (const c of a.calls) {
    const ring = c.rings
      .map((r) => `${r.username}@${t(r.call.ringAt)}${r.call.endedAt ? ` ended@${t(r.call.endedAt)}` : ''}`)
      .join(' ');
    console.log(
      `    #${c.row?.id ?? '-'} invite ${t(c.sipp.inviteAt)} entered ${t(c.row?.enteredAt)} offer ${t(c.firstOfferAt)} ring ${ring || '-'} ` +
        `200 ${t(c.sipp.finalAt)} bye ${t(c.sipp.byeAt)} ${c.row?.state ?? 'no row'}`,
    );
  }
  // Each operator's states at the server (agent_state_history), with the queue id of the call named.
  const idOf = new Map(a.calls.map((c) => [agentCallId(c.sipp.callId), c.row?.id ?? '?']));
  for (const username of perOperator.keys()) {
    const steps = intervals
      .filter((h) => h.username === username && h.startedAt >= from - 2_000)
      .map((h) => `${h.state}${h.callId ? `#${idOf.get(h.callId) ?? 'other'}` : ''}@${t(h.startedAt)}`);
    console.log(`    ${username}: ${steps.join(' ')}`);
  }
  console.log('    operator freed: BYE, available at the server, next caller offered, ringing in the page');
  for (const g of a.gaps)
    console.log(`    ${g.username} ${t(g.byeAt)} ${t(g.availableAt)} ${t(g.offeredAt)} ${t(g.ringAt)}`);
}

export async function measureQueue(
  env: SipBenchEnvironment,
  all: readonly Operator[],
  config: QueueBenchConfig,
): Promise<BenchRow[]> {
  if (all.length < config.operators)
    throw new Error(`the queue part needs ${config.operators} operators, ${all.length} are signed in`);
  const operators = all.slice(0, config.operators);
  const spare = all.slice(config.operators);
  for (const op of spare) await pickAgentState(op.page, /^Break/, 'break');
  try {
    for (const op of operators) {
      await watchQueueCalls(op.page);
      await available(op.page);
    }
    const direct = await directBaseline(env, operators[0]!, config.directCalls);

    for (const op of operators) {
      await available(op.page);
      await clearQueuePageCalls(op.page);
    }
    const talks = talkTimes(config.callers, config.talkMinMs, config.talkMaxMs);
    const citizens: QueueCitizen[] = talks.map((talkMs, i) => ({ number: queueNumber(i + 1), talkMs }));
    // Other work on the machine shares the cores with the pages, hosts, PBX and server: said plainly.
    const load = loadavg().map((l) => l.toFixed(1));
    console.log(`  machine load average before the queue run ${load.join(' / ')} on ${cpus().length} cores`);
    if (loadavg()[0]! > cpus().length)
      console.log(
        '  WARNING: the machine is already busier than its cores before the run; the latencies below ' +
          'measure that contention too (order, loss and 5xx figures still hold).',
      );
    // Generous: a caller still waiting when sipp's timeout ends the run is counted lost (and said).
    const drainSeconds = (config.callers * (config.talkMaxMs / 1000 + 15)) / config.operators;
    const started = Date.now();
    const outcome = await runQueueSipp({
      remote: env.pbx.sipTarget,
      ...(await sipPorts()),
      service: env.hotline,
      citizens,
      ratePerSecond: config.ratePerSecond,
      timeoutSeconds: Math.ceil(config.callers / config.ratePerSecond + drainSeconds + 120),
    });
    const elapsed = (Date.now() - started) / 1000;
    const callIds = outcome.calls.map((c) => c.callId);
    await waitQueueSettled(env.server.pool, callIds, 10_000);
    // The pages' last end-of-call stamps follow the last BYE within a moment.
    await new Promise((r) => setTimeout(r, 1_000));
    const pages = new Map<string, QueuePageCall[]>();
    for (const op of operators) pages.set(op.username, await queuePageCalls(op.page));
    const witness = await readQueueWitness(
      env.server.pool,
      callIds,
      operators.map((o) => o.username),
      started - 5_000,
    );
    const a = analyzeQueueRun({ sipp: outcome.calls, pages, witness });
    console.log(
      `  ${outcome.calls.length} calls placed, sipp ran ${elapsed.toFixed(1)} s; ${witness.rows.length} queue_calls rows`,
    );
    printDiagnostics(
      a,
      outcome.exitCode,
      new Map([...pages].map(([u, c]) => [u, c.length])),
      witness.intervals,
    );
    if (outcome.calls.length < config.callers)
      console.log(
        `  sipp placed only ${outcome.calls.length} of ${config.callers} calls: ${outcome.stderr.slice(-400)}`,
      );

    const ms = (values: number[], q: number) => percentile(values, q);
    const fromBye = a.gaps.map((g) => g.ringAt - g.byeAt);
    const byeToAvailable = a.gaps.filter((g) => g.availableAt !== null).map((g) => g.availableAt! - g.byeAt);
    const dispatch = a.gaps
      .filter((g) => g.availableAt !== null && g.offeredAt !== null)
      .map((g) => g.offeredAt! - g.availableAt!);
    const offerToRing = a.gaps.filter((g) => g.offeredAt !== null).map((g) => g.ringAt - g.offeredAt!);
    const fromAvailable = a.gaps.filter((g) => g.availableAt !== null).map((g) => g.ringAt - g.availableAt!);
    const lost = a.lost.length + Math.max(0, config.callers - outcome.calls.length);
    const exact = (r: BenchRow) => ({ ...r, pass: r.value === 0 });
    return [
      row(
        `baseline: direct call to ${operators[0]!.username} (no queue), INVITE -> ringing p50 (${direct.length} calls)`,
        ms(direct, 50),
        'ms',
        null,
      ),
      row('baseline: direct call, INVITE -> ringing p95', ms(direct, 95), 'ms', null),
      row(
        `baseline: server dispatch, available -> offered p50 (${dispatch.length})`,
        ms(dispatch, 50),
        'ms',
        null,
      ),
      row('baseline: server dispatch, available -> offered p95', ms(dispatch, 95), 'ms', null),
      exact(
        row(
          'overtakes: offered out of arrival order (queue_calls id vs first offer)',
          a.offerInversionsById,
          'pairs',
          0,
          '0',
        ),
      ),
      exact(row("overtakes: offered out of sipp's INVITE order", a.offerInversionsByInvite, 'pairs', 0, '0')),
      exact(
        row(
          'overtakes at sipp: 200 OK out of INVITE order, the later offered first',
          a.trueOvertakesAtSipp,
          'pairs',
          0,
          '0',
        ),
      ),
      row(
        '200 OK out of INVITE order though offered in order (faster pick-up)',
        a.answerInversionsAtSipp,
        'pairs',
        null,
      ),
      row(
        `operator freed (citizen's BYE) -> next caller ringing p50 (${fromBye.length})`,
        ms(fromBye, 50),
        'ms',
        null,
      ),
      row("operator freed (citizen's BYE) -> next caller ringing p95", ms(fromBye, 95), 'ms', 1000),
      row("operator freed (citizen's BYE) -> next caller ringing max", max(fromBye), 'ms', null),
      row(
        `  of which BYE -> operator available at the server p95 (${byeToAvailable.length})`,
        ms(byeToAvailable, 95),
        'ms',
        null,
      ),
      row(
        `  of which available -> offered (dispatch) p95 (${dispatch.length})`,
        ms(dispatch, 95),
        'ms',
        null,
      ),
      row('  of which offered -> ringing in the page p95', ms(offerToRing, 95), 'ms', null),
      row(
        `available at the server -> next caller ringing p95 (${fromAvailable.length})`,
        ms(fromAvailable, 95),
        'ms',
        null,
      ),
      exact(
        row(
          `calls lost (not answered at sipp and in queue_calls), of ${config.callers}`,
          lost,
          'calls',
          0,
          '0',
        ),
      ),
      exact(row('5xx replies seen by sipp', a.fiveHundreds, 'replies', 0, '0')),
      exact(row('queue_calls rows still waiting/offered after the run', witness.stillQueued, 'rows', 0, '0')),
      row('callers waited, INVITE -> 200 OK at sipp p50', ms(a.waitsAtSipp, 50), 's', null),
      row('callers waited, INVITE -> 200 OK at sipp p95', ms(a.waitsAtSipp, 95), 's', null),
      row('callers waited, INVITE -> 200 OK at sipp max', max(a.waitsAtSipp), 's', null),
      row('callers waited, queue_calls entered -> answered p95', ms(a.waitsAtServer, 95), 's', null),
      row('most callers waiting at once (server times)', a.peakWaiting, 'callers', null),
    ];
  } finally {
    for (const op of spare) await pickAgentState(op.page, 'Available', 'available').catch(() => undefined);
  }
}
