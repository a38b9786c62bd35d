// `npm run bench:server`: the central server's figures beside their targets, in one run against a
// real embedded PostgreSQL and the server in its own process on loopback. Parts, each on a
// database of its own: sync (ingest, 500 workstations, drain, first sync, status latency) and the
// lifecycle at 1,000,000 appeals (work lists, backlog, transitions: bench/server/lifecycle.ts).
// The floor (issue 13: a 20,000-call day's metrics, the lead's board with 200 agents live:
// bench/server/floor.ts) is a third, the call queue's dispatch latency (bench/server/queue.ts) a
// fourth, the cockpit's first render in Chromium over a 20,000-call day (bench/server/cockpit.ts) a
// fifth, the mass-incident detector at 1,000,000 appeals (bench/server/incidents.ts) a sixth.
// BENCH_SERVER_PART=sync, lifecycle, floor, queue, cockpit or incidents runs one of them;
// BENCH_LIFECYCLE_APPEALS=100000 is the lifecycle's quick mode.
import { encodeCursor } from '../src/server/sync/cursor';
import { printRows, type BenchRow } from './report';
import { runCockpitBench } from './server/cockpit';
import { runFloorBench } from './server/floor';
import { INCIDENT_APPEALS, runIncidentBench } from './server/incidents';
import { LIFECYCLE_APPEALS, runLifecycleBench } from './server/lifecycle';
import { runQueueBench } from './server/queue';
import { firstSyncRows, measureBareFirstSync } from './server/firstSyncBaseline';
import { measureIngestBesideBare } from './server/ingestBaseline';
import { measureFleet } from './serverLoad';
import { appealMutations, postJson, seedAppeals, signIn, startBenchServer } from './serverSetup';
import { measureDrain, measureFirstSync, measureStatusLatency } from './serverWorkstation';
import { SYNC_PATHS } from '../src/shared/sync/protocol';

const FIRST_SYNC_APPEALS = 100_000;
const DRAIN_APPEALS = 10_000;
// The connected workstation's poll for the status-change figure.
const POLL_MS = 1_000;

const part = process.env['BENCH_SERVER_PART'] ?? 'all';
if (!['all', 'sync', 'lifecycle', 'floor', 'queue', 'cockpit', 'incidents'].includes(part))
  throw new Error('BENCH_SERVER_PART: all, sync, lifecycle, floor, queue, cockpit or incidents');
const rows: BenchRow[] = [];
// Each figure is shown as soon as it is measured; the table at the end repeats them all.
const record = (...measured: BenchRow[]) => {
  for (const r of measured) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
  rows.push(...measured);
};
let lifecycleRows: BenchRow[] = [];
let floorRows: BenchRow[] = [];
let queueRows: BenchRow[] = [];
let cockpitRows: BenchRow[] = [];
let incidentRows: BenchRow[] = [];
const runs = (name: string) => part === 'all' || part === name;
try {
  if (runs('sync')) await runSyncBench();
  if (runs('lifecycle')) lifecycleRows = await runLifecycleBench();
  if (runs('floor')) floorRows = await runFloorBench();
  if (runs('queue')) queueRows = await runQueueBench();
  if (runs('cockpit')) cockpitRows = await runCockpitBench();
  if (runs('incidents')) incidentRows = await runIncidentBench();
} finally {
  if (runs('sync')) printRows('Central server (embedded PostgreSQL, 2 cores)', rows);
  if (runs('lifecycle'))
    printRows(
      `Central server, lifecycle (${LIFECYCLE_APPEALS.toLocaleString('en')} appeals, embedded PostgreSQL)`,
      lifecycleRows,
    );
  if (runs('floor') && floorRows.length > 0)
    printRows(
      'Central server, the floor (a 20,000-call day, 200 agents live, embedded PostgreSQL)',
      floorRows,
    );
  if (runs('queue') && queueRows.length > 0)
    printRows(
      'Central server, the call queue (10 operators, 100 callers waiting, embedded PostgreSQL)',
      queueRows,
    );
  if (runs('cockpit') && cockpitRows.length > 0)
    printRows("The team lead's cockpit in Chromium (web host, 200 agents, a 20,000-call day)", cockpitRows);
  if (runs('incidents') && incidentRows.length > 0)
    printRows(
      `Central server, mass-incident detection (${INCIDENT_APPEALS.toLocaleString('en')} appeals, embedded PostgreSQL)`,
      incidentRows,
    );
}

async function runSyncBench(): Promise<void> {
  const server = await startBenchServer();
  try {
    const firstDevice = await signIn(server.url, 'operator1');
    const [template] = appealMutations(1, 1, firstDevice.userId);
    await postJson(
      `${server.url}${SYNC_PATHS.push}`,
      JSON.stringify({ deviceId: firstDevice.deviceId, epoch: null, mutations: [template] }),
      firstDevice.token,
    );
    // Load first, on a small database; the drain and the load leave their appeals, and seeding then
    // fills up to exactly FIRST_SYNC_APPEALS for the new workstation's first sync. The ingest's bare
    // baselines delete what they wrote (bench/server/ingestBaseline.ts).
    record(...(await measureIngestBesideBare(server.pool, server.url, template!.entityId)));
    // Ordered by the columns themselves (c.txid, c.id), not by the text the SELECT names alike:
    // as text, txid 999 sorts after 1000.
    const head = await server.pool.query<{ txid: string; id: string }>(
      'SELECT c.txid::text AS txid, c.id::text AS id FROM change_log c ORDER BY c.txid DESC, c.id DESC LIMIT 1',
    );
    // Each workstation syncs on the engine's default 2 s poll and registers 1-3 appeals about once a
    // minute: some 16 appeals/s in all, several times a real center's peak with 500 operators.
    record(
      ...(await measureFleet(server.url, {
        workstations: 500,
        durationMs: 20_000,
        roundMs: 2_000,
        pushShare: 1 / 30,
        cursor: head.rows[0] ? encodeCursor({ ...head.rows[0], stamp: null }) : null,
      })),
    );
    record(...(await measureDrain(server.url, DRAIN_APPEALS)));
    const { rows: counted } = await server.pool.query<{ n: string }>('SELECT count(*) AS n FROM appeals');
    const seeded = performance.now();
    await seedAppeals(server.pool, template!.entityId, FIRST_SYNC_APPEALS - Number(counted[0]!.n));
    console.log(`seeded the server's database in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    // The bare baseline first, while nothing else runs: the same appeals, read and written bare.
    const bareSeconds = await measureBareFirstSync(server.pool, FIRST_SYNC_APPEALS);
    const first = await measureFirstSync(server.url, FIRST_SYNC_APPEALS, POLL_MS);
    record(...firstSyncRows(first.row, bareSeconds));
    try {
      record(await measureStatusLatency(server.pool, first.ws, 40, POLL_MS));
    } finally {
      first.ws.close();
    }
  } finally {
    await server.stop();
  }
}
