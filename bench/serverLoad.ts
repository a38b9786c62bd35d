// Load on the server over real HTTP: bulk ingest from several clients, and many workstations
// pushing small batches and pulling at once.
import type { PullResponse, PushResponse } from '../src/shared/sync/protocol';
import { SYNC_LIMITS, SYNC_PATHS } from '../src/shared/sync/protocol';
import { percentile, type BenchRow } from './report';
import { appealMutations, postJson, signIn } from './serverSetup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appeals applied over one stretch of pushes and how long it took. */
export interface IngestRun {
  applied: number;
  seconds: number;
}

export interface IngestPlan {
  clients: number;
  batch: number;
  /** Full batches each client has to push in all. */
  batchesPerClient: number;
  /** Each client pushes its next `batches` batches, all clients at once; timed from start to last reply. */
  run(batches: number): Promise<IngestRun>;
}

/**
 * `total` appeals in full batches from `clients` devices, ready to push in one go or in rounds (so a
 * baseline can be measured between them). Sign-ins, bodies and a warm-up push are done here, before
 * any clock starts: serialising the bodies is the workstations' work, not the server's.
 */
export async function prepareIngest(serverUrl: string, total = 40_000, clients = 8): Promise<IngestPlan> {
  const batch = SYNC_LIMITS.pushBatch;
  const perClient = Math.ceil(total / clients / batch);
  // Each device pushes under its own sign-in.
  const devices = await Promise.all(Array.from({ length: clients }, () => signIn(serverUrl, 'operator1')));
  const bodies = devices.map(({ deviceId, userId }) =>
    Array.from({ length: perClient }, (_, b) =>
      JSON.stringify({ deviceId, epoch: null, mutations: appealMutations(batch, b * batch + 1, userId) }),
    ),
  );
  const warmer = await signIn(serverUrl, 'operator1');
  const warm = JSON.stringify({
    deviceId: warmer.deviceId,
    epoch: null,
    mutations: appealMutations(batch, 1, warmer.userId),
  });
  await postJson(`${serverUrl}${SYNC_PATHS.push}`, warm, warmer.token);
  let pushed = 0;
  return {
    clients,
    batch,
    batchesPerClient: perClient,
    async run(batches) {
      const from = pushed;
      pushed += batches;
      if (pushed > perClient) throw new Error(`ingest: only ${perClient} batches per client were prepared`);
      let applied = 0;
      const started = performance.now();
      await Promise.all(
        bodies.map(async (mine, i) => {
          for (const body of mine.slice(from, pushed)) {
            const res = await postJson<PushResponse>(
              `${serverUrl}${SYNC_PATHS.push}`,
              body,
              devices[i]!.token,
            );
            applied += res.results.filter((r) => r.status === 'applied').length;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      if (applied !== clients * batches * batch) throw new Error(`ingest: ${applied} applied`);
      return { applied, seconds };
    },
  };
}

/** The server's ingest rate over all the runs, beside its target. */
export function ingestRow(runs: readonly IngestRun[], clients: number, batch: number): BenchRow {
  const rate = appealsPerSecond(runs);
  return {
    name: `server ingest (${clients} clients x ${batch}/batch)`,
    value: rate,
    unit: 'appeals/s',
    target: '>= 2000',
    pass: rate >= 2000,
  };
}

export const appealsPerSecond = (runs: readonly IngestRun[]): number =>
  runs.reduce((n, r) => n + r.applied, 0) / runs.reduce((s, r) => s + r.seconds, 0);

export interface FleetOptions {
  workstations: number;
  durationMs: number;
  /** The engine's poll: each workstation syncs about this often (with jitter). */
  roundMs: number;
  /** Share of rounds that push (an operator registers an appeal every few calls). */
  pushShare: number;
  /** Where pulls start: the head of the change log (the workstations are already in sync). */
  cursor: string | null;
}

/** 500 workstations pushing 1-3 appeals and pulling to the head at once; push latency p99. */
export async function measureFleet(serverUrl: string, o: FleetOptions): Promise<BenchRow[]> {
  // One sign-in per workstation, as on the floor: a device syncs only under its own sign-in.
  const signIns = await Promise.all(
    Array.from({ length: o.workstations }, (_, i) =>
      signIn(serverUrl, ['operator1', 'operator2', 'operator3'][i % 3]!),
    ),
  );
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  let appeals = 0;
  let received = 0;
  let failures = 0;
  const deadline = performance.now() + o.durationMs;
  const workstation = async (i: number) => {
    const { token, deviceId, userId } = signIns[i]!;
    let seq = 1;
    let cursor = o.cursor;
    await sleep(Math.random() * o.roundMs);
    while (performance.now() < deadline) {
      try {
        if (Math.random() < o.pushShare) {
          const n = 1 + Math.floor(Math.random() * 3);
          const body = JSON.stringify({ deviceId, epoch: null, mutations: appealMutations(n, seq, userId) });
          const t = performance.now();
          const res = await postJson<PushResponse>(`${serverUrl}${SYNC_PATHS.push}`, body, token);
          pushMs.push(performance.now() - t);
          seq += n;
          appeals += res.results.length;
        }
        for (;;) {
          const t = performance.now();
          const page = await postJson<PullResponse>(
            `${serverUrl}${SYNC_PATHS.pull}`,
            JSON.stringify({ deviceId, epoch: null, cursor, limit: SYNC_LIMITS.pullPage }),
            token,
          );
          pullMs.push(performance.now() - t);
          if (page.status !== 'ok') throw new Error(`pull: ${page.status}`);
          cursor = page.cursor;
          received += page.changes.length;
          if (!page.hasMore) break;
        }
      } catch {
        failures++;
      }
      await sleep(o.roundMs * (0.5 + Math.random()));
    }
  };
  await Promise.all(Array.from({ length: o.workstations }, (_, i) => workstation(i)));
  const seconds = (performance.now() - deadline + o.durationMs) / 1000;
  const p99 = percentile(pushMs, 99);
  return [
    {
      name: `push p99, ${o.workstations} workstations (${(pushMs.length / seconds).toFixed(0)} pushes/s, ${(pullMs.length / seconds).toFixed(0)} pulls/s, ${(appeals / seconds).toFixed(0)} appeals/s)`,
      value: p99,
      unit: 'ms',
      target: '<= 200',
      pass: p99 <= 200 && failures === 0,
    },
    { name: '  push p50', value: percentile(pushMs, 50), unit: 'ms', target: '', pass: null },
    { name: '  pull p99', value: percentile(pullMs, 99), unit: 'ms', target: '', pass: null },
    { name: '  changes pulled per pull', value: received / pullMs.length, unit: '', target: '', pass: null },
    { name: '  failed rounds', value: failures, unit: '', target: '0', pass: failures === 0 },
  ];
}
