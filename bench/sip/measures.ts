// The issue-4 softphone figures, each measured against the running environment (environment.ts)
// with real pages (operator.ts), real SIP calls (sippRun.ts) and the in-page watcher (callWatcher.ts).
import type { Page } from 'playwright-core';
import { freePort } from '../../tests/sip/support/ports';
import { frequentCallerPhone } from '../support/syntheticPeople';
import { percentile, type BenchRow } from '../report';
import {
  agentStateChanges,
  clearWatchedCalls,
  registrationChanges,
  watchCalls,
  watchedCalls,
} from './callWatcher';
import type { SipBenchEnvironment } from './environment';
import type { Operator } from './operator';
import { printCallTrace, printServerTimeline } from './serverTimeline';
import { startSippLoad, type SippLoad } from './sippRun';

export const row = (
  name: string,
  value: number,
  unit: string,
  limit: number | null,
  target?: string,
): BenchRow => ({
  name,
  value,
  unit,
  target: target ?? (limit === null ? '-' : `<= ${limit} ${unit}`),
  pass: limit === null ? null : value <= limit,
});

async function sippLoad(
  env: SipBenchEnvironment,
  load: Omit<SippLoad, 'remote' | 'localPort' | 'mediaPort'>,
) {
  return startSippLoad({
    ...load,
    remote: env.pbx.sipTarget,
    localPort: await freePort(),
    mediaPort: await freePort(),
  }).done;
}

async function waitUntilAvailable(page: Page): Promise<void> {
  await page.locator('[data-testid="agent-state"][data-state="available"]').waitFor({ timeout: 15_000 });
}

/**
 * Targets 1 and 2: hotline calls one at a time to the only available operator. Ringing = sipp's
 * INVITE timestamp → the incoming card in the DOM; screen pop = incoming card → the loaded pop.
 */
export async function measureRingAndPop(
  env: SipBenchEnvironment,
  operator: Operator,
  calls: number,
  storeLabel: string,
): Promise<BenchRow[]> {
  await watchCalls(operator.page, 'after-screen-pop');
  const rings: number[] = [];
  const pops: number[] = [];
  let unanswered = 0;
  for (let i = 0; i < calls; i++) {
    await waitUntilAvailable(operator.page);
    await clearWatchedCalls(operator.page);
    const outcome = await sippLoad(env, {
      service: env.hotline,
      // Frequent callers have appeals in the benchmark store, so the pop has history to show.
      caller: frequentCallerPhone(1_000 + i * 977),
      calls: 1,
      ratePerSecond: 1,
      concurrent: 1,
      callMs: 300,
      timeoutSeconds: 20,
    });
    const [sent] = outcome.calls;
    const [seen] = await watchedCalls(operator.page);
    if (!sent?.answered || !seen) {
      unanswered += 1;
      continue;
    }
    // The first call warms the page (code paths, store pages): measured like the rest but not counted.
    if (i === 0) continue;
    rings.push(seen.ringAt - sent.inviteSentAt);
    if (seen.popAt !== null) pops.push(seen.popAt - seen.ringAt);
  }
  const counted = Math.max(0, calls - 1);
  return [
    row(`INVITE -> ringing in the pane p50 (${rings.length} calls)`, percentile(rings, 50), 'ms', null),
    row('INVITE -> ringing in the pane p95', percentile(rings, 95), 'ms', 150),
    row(`screen pop after ringing p50, ${storeLabel}`, percentile(pops, 50), 'ms', null),
    row(`screen pop after ringing p95, ${storeLabel}`, percentile(pops, 95), 'ms', 200),
    row('calls without a screen pop in 3 s', counted - pops.length - unanswered, 'calls', 0, '0'),
    row('calls not answered (should be 0)', unanswered, 'calls', 0, '0'),
  ];
}

/** JS heap of the page after a forced garbage collection (CDP), in MB. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

/** Target 5: heap after 10 calls and after `total` calls, answered at once, direct to the operator. */
export async function measureMemory(
  env: SipBenchEnvironment,
  operator: Operator,
  total: number,
): Promise<BenchRow[]> {
  await watchCalls(operator.page, 'immediately');
  const run = async (calls: number) => {
    await waitUntilAvailable(operator.page);
    const outcome = await sippLoad(env, {
      service: operator.username,
      caller: frequentCallerPhone(7),
      calls,
      ratePerSecond: 10,
      concurrent: 1,
      callMs: 300,
      timeoutSeconds: Math.ceil(calls * 3 + 30),
    });
    return outcome.calls.filter((c) => c.answered).length;
  };
  let answered = await run(10);
  const after10 = await heapAfterGc(operator.page);
  const started = performance.now();
  answered += await run(total - 10);
  const seconds = (performance.now() - started) / 1000;
  const afterAll = await heapAfterGc(operator.page);
  console.log(
    `  ${total - 10} calls in ${seconds.toFixed(0)} s; heap ${after10.toFixed(1)} MB -> ${afterAll.toFixed(1)} MB`,
  );
  return [
    row('renderer heap after 10 calls (after GC)', after10, 'MB', null),
    row(`renderer heap after ${total} calls (after GC)`, afterAll, 'MB', null),
    row(`heap growth from 10 to ${total} calls`, afterAll - after10, 'MB', 20),
    row(`calls answered of ${total}`, answered, 'calls', null, `= ${total}`),
  ].map((r) => (r.name.startsWith('calls answered') ? { ...r, pass: answered === total } : r));
}

/** Target 3: `calls` hotline calls at `rate`/s spread over every operator, answered at once. */
export async function measureLoad(
  env: SipBenchEnvironment,
  operators: readonly Operator[],
  calls: number,
  rate: number,
): Promise<BenchRow[]> {
  for (const op of operators) {
    await watchCalls(op.page, 'immediately');
    await clearWatchedCalls(op.page);
    await waitUntilAvailable(op.page);
  }
  const outcome = await sippLoad(env, {
    service: env.hotline,
    caller: frequentCallerPhone(11),
    calls,
    ratePerSecond: rate,
    concurrent: calls,
    callMs: 2_000,
    timeoutSeconds: Math.ceil(calls / rate) + 60,
  });
  // The last calls' stats reads finish within a second or so of their answer.
  await new Promise((r) => setTimeout(r, 1_500));
  const seen = (await Promise.all(operators.map((op) => watchedCalls(op.page)))).flat();
  const answered = outcome.calls.filter((c) => c.answered).length;
  const withAudio = seen.filter(
    (c) => c.stats !== null && c.stats.packetsReceived > 0 && c.stats.totalAudioEnergy > 0,
  ).length;
  const silent = seen.filter(
    (c) => !(c.stats && c.stats.packetsReceived > 0 && c.stats.totalAudioEnergy > 0),
  );
  if (silent.length > 0)
    console.log(
      `  calls without audio in the page: ${silent
        .map((c) =>
          c.stats
            ? `dtls ${c.stats.dtlsState}, ${c.stats.packetsReceived} packets, energy ${c.stats.totalAudioEnergy.toFixed(3)}`
            : c.answeredAt === null
              ? 'never answered in the page'
              : 'no stats (ended within a second of answering?)',
        )
        .join('; ')}`,
    );
  const busiest = Math.max(
    ...(await Promise.all(operators.map(async (op) => (await watchedCalls(op.page)).length))),
  );
  const pct = (n: number) => (100 * n) / calls;
  // One operator's agent states through the load: shows how soon a line is offered calls again.
  const sample = operators[1] ?? operators[0];
  if (sample && outcome.calls[0]) {
    const from = outcome.calls[0].inviteSentAt;
    const steps = (await agentStateChanges(sample.page))
      .filter((c) => c.at >= from - 1_000)
      .map((c) => `${c.state} +${((c.at - from) / 1000).toFixed(1)}`);
    console.log(`  ${sample.username}'s agent state from the first INVITE (s): ${steps.join(', ')}`);
  }
  const statuses = new Map<string, number>();
  for (const c of outcome.calls) {
    const key = String(c.finalStatus ?? 'no answer');
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  console.log(
    `  sipp exit ${outcome.exitCode}; final answers ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}; ` +
      `${seen.length} calls rang in the pages; busiest operator took ${busiest}`,
  );
  if (outcome.calls[0]) {
    const busy = outcome.calls.filter((c) => c.finalStatus === 486).map((c) => c.inviteSentAt);
    await printServerTimeline(env.server.pool, outcome.calls[0].inviteSentAt, busy);
    if (process.env.SIP_BENCH_TRACE === '1') await printCallTrace(env.server.pool, outcome.calls);
  }
  // How long callers heard ringing before an operator answered (the PBX holds them while all are busy).
  const waits = outcome.calls
    .filter((c) => c.answered && c.finalAt !== null)
    .map((c) => (c.finalAt! - c.inviteSentAt) / 1000);
  return [
    ...[
      row(`calls answered (200 OK at sipp), of ${calls}`, pct(answered), '%', null, '= 100 %'),
      row('answered calls with audio in the page (getStats)', pct(withAudio), '%', null, '= 100 %'),
    ].map((r) => ({ ...r, pass: r.value === 100 })),
    row('INVITE -> answered at sipp p50', percentile(waits, 50), 's', null),
    row('INVITE -> answered at sipp p95', percentile(waits, 95), 's', null),
  ];
}

/** Target 4: every operator registered again after the PBX restarts. */
export async function measureReRegistration(
  env: SipBenchEnvironment,
  operators: readonly Operator[],
): Promise<BenchRow[]> {
  for (const op of operators) await watchCalls(op.page, 'immediately');
  const began = performance.timeOrigin + performance.now();
  await env.pbx.restart();
  const up = performance.timeOrigin + performance.now();
  const deadline = Date.now() + 60_000;
  const back: number[] = [];
  for (const op of operators) {
    for (;;) {
      const changes = (await registrationChanges(op.page)).filter((c) => c.at >= began);
      const lost = changes.findIndex((c) => c.state !== 'registered');
      const again = lost >= 0 ? changes.slice(lost).find((c) => c.state === 'registered') : undefined;
      if (again) {
        back.push(again.at);
        break;
      }
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // What the first operator's line went through, so a slow figure shows where the time went.
  const first = operators[0];
  if (first) {
    const steps = (await registrationChanges(first.page))
      .filter((c) => c.at >= began)
      .map((c) => `${c.state} at +${((c.at - began) / 1000).toFixed(1)} s`);
    console.log(`  ${first.username}'s line after the restart command: ${steps.join(', ')}`);
  }
  const missing = operators.length - back.length;
  const last = back.length ? Math.max(...back) : Number.NaN;
  console.log(
    `  PBX restart took ${((up - began) / 1000).toFixed(2)} s (stop + start of Kamailio and rtpengine)`,
  );
  return [
    row(`all ${operators.length} registered again, after the PBX answers`, (last - up) / 1000, 's', 5),
    row('all registered again, from the restart command', (last - began) / 1000, 's', null),
    row('operators not registered again within 60 s', missing, '', 0, '0'),
  ];
}
