// `npm run bench:sip` (root): the softphone figures of issue 4 beside their targets, measured with
// real parts on loopback: the central server (embedded PostgreSQL), the reference PBX (Kamailio +
// rtpengine), the web host per operator, Debian Chromium, and sipp as the citizens' side.
// It re-runs itself inside a private network namespace (scripts/inNetns.sh, SIP-TESTBED.md) so
// WebRTC offers only loopback. SIP_BENCH_MEMORY_CALLS (default 500) and SIP_BENCH_OPERATORS
// (default 20) scale the longest parts down for a quick look; SIP_BENCH_STORE=none skips the big store.
// The queue part (issue 13, bench/sip/queueBench.ts): SIP_BENCH_PARTS=queue SIP_BENCH_QUEUE_QUICK=1
// SIP_BENCH_STORE=none tries it with 20 callers and 4 operators in about a minute.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_RING_SECONDS, DEFAULT_WAIT_SECONDS } from '../deploy/pbx/pbxConfig';
import { printRows, type BenchRow } from './report';
import { launchBenchBrowser } from './sip/browser';
import { bindStoreToServer, operatorName, prepareBenchStore, startEnvironment } from './sip/environment';
import { measureLoad, measureMemory, measureReRegistration, measureRingAndPop } from './sip/measures';
import { startOperator, type Operator } from './sip/operator';
import { describeQueueBench, measureQueue, queueBenchConfig } from './sip/queueBench';

const IN_NETNS = 'SIP_BENCH_IN_NETNS';
if (process.env[IN_NETNS] !== '1') {
  const root = resolve(import.meta.dirname, '..');
  const run = spawnSync(
    'bash',
    ['scripts/inNetns.sh', 'env', `${IN_NETNS}=1`, 'bash', 'scripts/withNode22.sh', 'tsx', 'bench/sip.ts'],
    { cwd: root, stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}

const OPERATORS = Number(process.env.SIP_BENCH_OPERATORS ?? 20);
const MEMORY_CALLS = Number(process.env.SIP_BENCH_MEMORY_CALLS ?? 500);
const RING_CALLS = 21;
const LOAD_CALLS = 100;
const LOAD_RATE = 5;
// SIP_BENCH_PARTS=load,restart (say) runs only those parts: ring, memory, load, queue, restart.
const PARTS = new Set((process.env.SIP_BENCH_PARTS ?? 'ring,memory,load,queue,restart').split(','));
const QUEUE = queueBenchConfig();
// Operators signed in: the load and restart parts use OPERATORS, the queue part its own number.
const SIGNED_IN =
  PARTS.has('load') || PARTS.has('restart')
    ? Math.max(OPERATORS, PARTS.has('queue') ? QUEUE.operators : 0)
    : PARTS.has('queue')
      ? QUEUE.operators
      : OPERATORS;

console.log(`How the figures are taken:
  ringing      sipp's own timestamp of the INVITE it sent (-trace_msg) to the moment a MutationObserver in
               the page sees data-testid="softphone-incoming" enter the DOM, on the page's wall clock
               (performance.timeOrigin + performance.now()); same machine, same clock. Hotline calls, one at a
               time, routed by the central server to the only available operator. The first call warms up.
  screen pop   from that moment to data-testid="softphone-screen-pop" (the loaded history) in the DOM;
               the operator's workstation holds a copy of the store \`npm run bench\` built in .bench/.
  load         ${OPERATORS} operators = ${OPERATORS} web host processes (own store each) + ${OPERATORS} pages of one
               Chromium on this machine (${(await import('node:os')).cpus().length} cores); a watcher clicks Answer
               when the call rings (the renderer has no auto-answer); audio = getStats() during the call, read
               until inbound packets > 0 and audio energy > 0 (sipp plays G.711 A-law) or the call ends.
               WRAP_UP_SECONDS=0.
               The PBX runs with \`npm run pbx\`'s defaults: a caller finding every operator busy hears
               ringing up to ${DEFAULT_WAIT_SECONDS} s while it asks the server again; a call rings one operator up to
               ${DEFAULT_RING_SECONDS} s, then the next. "INVITE -> answered" is how long callers waited.
  restart      Kamailio + rtpengine restarted; time until every page's registration chip shows
               "registered" again, measured from the PBX answering SIP again.
${describeQueueBench(QUEUE)}
  memory       calls straight to operator1's SIP user, answered at once, 300 ms each; JS heap by CDP
               Runtime.getHeapUsage after HeapProfiler.collectGarbage.`);

const rows: BenchRow[] = [];
const section = (title: string, measured: BenchRow[]) => {
  printRows(title, measured);
  rows.push(...measured.map((r) => ({ ...r, name: `${title}: ${r.name}` })));
};
// SIP_BENCH_STORE=none: operator1 starts on an empty store (the screen-pop figure then says so).
const store = process.env.SIP_BENCH_STORE === 'none' ? null : prepareBenchStore();
const storeLabel = store ? `${store.rows.toLocaleString('en')} appeals` : 'EMPTY store';
console.log(
  store
    ? `\noperator1's store: a copy of .bench/${store.note}`
    : process.env.SIP_BENCH_STORE === 'none'
      ? '\nSIP_BENCH_STORE=none: the screen pop runs on an EMPTY store.'
      : '\nNo benchmark store in .bench/ (run `npm run bench` first): the screen pop runs on an EMPTY store.',
);
const env = await startEnvironment(SIGNED_IN);
const browser = await launchBenchBrowser();
const operators: Operator[] = [];
try {
  if (store) await bindStoreToServer(store.dataDir, env.server);
  const started = performance.now();
  operators.push(
    await startOperator({
      context: browser.context,
      username: operatorName(1),
      serverUrl: env.server.url,
      rendererDir: env.rendererDir,
      sipWsUri: env.sipWsUri,
      dataDir: store?.dataDir,
    }),
  );
  console.log(`operator1 signed in and available in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (PARTS.has('ring'))
    section('Ringing and screen pop', await measureRingAndPop(env, operators[0]!, RING_CALLS, storeLabel));
  if (PARTS.has('memory')) section('Renderer memory', await measureMemory(env, operators[0]!, MEMORY_CALLS));

  const more = performance.now();
  for (let n = 2; n <= SIGNED_IN; n++) {
    operators.push(
      await startOperator({
        context: browser.context,
        username: operatorName(n),
        serverUrl: env.server.url,
        rendererDir: env.rendererDir,
        sipWsUri: env.sipWsUri,
      }),
    );
  }
  console.log(
    `${SIGNED_IN - 1} more operators signed in and available in ${((performance.now() - more) / 1000).toFixed(1)} s`,
  );
  if (PARTS.has('load'))
    section(
      `${OPERATORS} operators, ${LOAD_CALLS} calls at ${LOAD_RATE}/s`,
      await measureLoad(env, operators.slice(0, OPERATORS), LOAD_CALLS, LOAD_RATE),
    );
  if (PARTS.has('queue'))
    section(
      `Queue: ${QUEUE.callers} callers, ${QUEUE.operators} operators${QUEUE.quick ? ' (QUICK)' : ''}`,
      await measureQueue(env, operators, QUEUE),
    );
  if (PARTS.has('restart')) section('PBX restart', await measureReRegistration(env, operators));
} finally {
  for (const op of operators) await op.stop().catch(() => undefined);
  await browser.close().catch(() => undefined);
  await env.close();
  store?.remove();
}
printRows('Softphone (issue 4), all figures', rows);
const missed = rows.filter((r) => r.pass === false);
console.log(
  `\n${rows.length} figures, ${missed.length} missed their target${missed.length ? `: ${missed.map((r) => r.name).join('; ')}` : ''}`,
);
