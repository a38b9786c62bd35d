// What an operator sees: real workstations (encrypted local store, sync engine) against the real
// server. The outbox drains after an outage, a new workstation's first sync, and how soon a status
// changed on the server shows in a connected workstation's store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkstation, type Workstation } from '../src/main/workstation';
import { withParsedInput } from '../src/main/ipc/test/parsedHandlers';
import type { SyncSetup } from '../src/main/sync/startSync';
import { AppealDraft } from '../src/shared/domain/appeal';
import { AppealQuery } from '../src/shared/ipc/contract';
import type { Pool } from '../src/server/db/pool';
import { draftInput } from '../tests/integration/support/drafts';
import { randomKey, RESOURCES_DIR } from '../tests/integration/support/storeFiles';
import { ctx, fixedKey, value } from '../tests/integration/support/workstation';
import { percentile, type BenchRow } from './report';
import { BENCH_PASSWORD, startProxy } from './serverSetup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchWorkstation {
  w: Workstation;
  close(): void;
}

export async function openBenchWorkstation(
  serverUrl: string,
  username: string,
  tuning: NonNullable<SyncSetup['tuning']>,
): Promise<BenchWorkstation> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ws-'));
  const opened = await openWorkstation({
    dataDir: dir,
    keyProvider: fixedKey(randomKey()),
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: { serverUrl, tuning },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const w = withParsedInput(opened.value);
  await value(w.handlers['auth:login']({ username, password: BENCH_PASSWORD }, ctx));
  return {
    w,
    close() {
      w.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (performance.now() > deadline)
      throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(10);
  }
}

const status = (w: Workstation) => value(w.handlers['sync:status']({}, ctx));

/** Synced at least once since `after` (ISO), with nothing waiting and no error. */
const syncedSince = async (w: Workstation, after: string) => {
  const s = await status(w);
  return (
    s.lastSyncAt !== null && s.lastSyncAt > after && !s.syncing && s.waiting === 0 && s.lastError === null
  );
};

/** `count` appeals registered while the network is cut, then the time to drain after it returns. */
export async function measureDrain(serverUrl: string, count = 10_000): Promise<BenchRow[]> {
  const proxy = await startProxy(serverUrl);
  // The engine's own reconnect backoff, capped at 2 s (the default cap is 30 s).
  const ws = await openBenchWorkstation(proxy.url, 'operator2', {
    pollMs: 2_000,
    backoff: { minMs: 250, maxMs: 2_000 },
  });
  try {
    const begun = new Date().toISOString();
    await until('first sync', () => syncedSince(ws.w, begun), 300_000);
    proxy.setUp(false);
    const draft = AppealDraft.strict().parse(draftInput());
    const made = performance.now();
    for (let i = 0; i < count; i++) await value(ws.w.handlers['appeals:create'](draft, ctx));
    const createMs = performance.now() - made;
    const queued = (await status(ws.w)).waiting;
    if (queued !== count) throw new Error(`drain: ${queued} queued, expected ${count}`);
    const started = performance.now();
    proxy.setUp(true);
    await until('the outbox drains', async () => (await status(ws.w)).waiting === 0, 120_000);
    const seconds = (performance.now() - started) / 1000;
    return [
      {
        name: `${count} queued appeals drain after reconnect`,
        value: seconds,
        unit: 's',
        target: '<= 10',
        pass: seconds <= 10,
      },
      { name: '  (registering them offline)', value: createMs / 1000, unit: 's', target: '', pass: null },
    ];
  } finally {
    ws.close();
    await proxy.close();
  }
}

/** A new workstation signs in and pulls everything the server has; the workstation stays open. */
export async function measureFirstSync(
  serverUrl: string,
  count: number,
  pollMs: number,
): Promise<{ row: BenchRow; ws: BenchWorkstation }> {
  const begun = new Date().toISOString();
  const started = performance.now();
  const ws = await openBenchWorkstation(serverUrl, 'operator3', { pollMs });
  await until('the first sync', () => syncedSince(ws.w, begun), 300_000);
  const seconds = (performance.now() - started) / 1000;
  const { items } = await value(ws.w.handlers['appeals:list'](AppealQuery.parse({}), ctx));
  if (items.length === 0) throw new Error('first sync: nothing arrived');
  return {
    ws,
    row: {
      name: `first sync of ${count} appeals to a new workstation`,
      value: seconds,
      unit: 's',
      target: '<= 12',
      pass: seconds <= 12,
    },
  };
}

/**
 * Status changes made on the server (as lifecycle work will: new status, version + 1, a change_log
 * row in the same transaction), timed until the connected workstation's store has them.
 */
export async function measureStatusLatency(
  pool: Pool,
  ws: BenchWorkstation,
  samples: number,
  pollMs: number,
): Promise<BenchRow> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM appeals WHERE status = 'registered' ORDER BY random() LIMIT $1`,
    [samples],
  );
  const latencies: number[] = [];
  for (const { id } of rows) {
    await sleep(Math.random() * pollMs);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE appeals SET status = 'in_progress', version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await client.query(
        `INSERT INTO change_log (entity_type, entity_id, payload) VALUES ('appeal', $1, '{"op":"status"}')`,
        [id],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const t = performance.now();
    await until(
      'the status change',
      async () => (await value(ws.w.handlers['appeals:get']({ id }, ctx))).status === 'in_progress',
      30_000,
    );
    latencies.push(performance.now() - t);
  }
  const p95 = percentile(latencies, 95) / 1000;
  return {
    name: `status change -> workstation store p95 (poll ${pollMs / 1000} s)`,
    value: p95,
    unit: 's',
    target: '<= 2',
    pass: p95 <= 2,
  };
}
