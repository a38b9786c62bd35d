// The central database restored from a backup (ARCHITECTURE.md, "Sync protocol"; protocol.ts,
// "Restore"): appeals acknowledged to operators after the backup was taken are gone from the
// server. The server notices (or the restore procedure renews the epoch); the workstations re-sync
// from scratch and re-send what the server lost with the numbers citizens were told, so every
// acknowledged appeal ends up on the server exactly once and keeps its number.
import pg from 'pg';
import type { Appeal } from '../../../src/shared/domain/appeal';
import type { Workstation } from '../../../src/main/workstation';
import { appealCreatePayload } from '../../../src/main/sync/mapping';
import { rotateEpoch } from '../../../src/server/sync/epoch';
import { demoPassword, startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, openSynced, register, until, value } from '../support/syncWorkstation';

const tempDir = useTempDirs('sync-restore-');
let server: RealServer;
let workstations: Workstation[] = [];

beforeEach(async () => {
  server = await startRealServer();
  workstations = [];
  for (const username of ['operator1', 'operator2']) {
    const w = await openSynced(tempDir(), randomKey(), server.url);
    await value(w.handlers['auth:login']({ username, password: demoPassword(username) }, ctx));
    workstations.push(w);
  }
}, 30_000);

afterEach(async () => {
  for (const w of workstations) w.close();
  await server?.close();
}, 30_000);

/** A session on template1 of the server's cluster: the served database can be copied or replaced from it. */
async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(
    (server.pool as unknown as { options: { connectionString: string } }).options.connectionString,
  );
  url.pathname = '/template1';
  const client = new pg.Client({ connectionString: url.toString() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // CREATE/DROP DATABASE need the served database without sessions; the pool reconnects later.
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres' AND pid <> pg_backend_pid()`,
    );
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A backup of the quiesced database: a copy of it as it is now. */
async function backup(): Promise<void> {
  await server.stop();
  await admin((c) => c.query('CREATE DATABASE backup TEMPLATE postgres'));
  await server.start();
}

/** Replaces the served database with the backup; with `rotate`, runs the documented restore procedure. */
async function restore(rotate: boolean): Promise<void> {
  await server.stop();
  await admin(async (c) => {
    await c.query('DROP DATABASE postgres');
    await c.query('CREATE DATABASE postgres TEMPLATE backup');
  });
  if (rotate) await rotateEpoch(server.pool);
  await server.start();
}

const status = (w: Workstation) => value(w.handlers['sync:status']({}, ctx));
const local = (w: Workstation, id: string) => value(w.handlers['appeals:get']({ id }, ctx));
const drained = (w: Workstation) => async () => (await status(w)).waiting === 0;

interface ServerRow {
  id: string;
  official_number: string | null;
  record: Appeal;
}

async function serverAppeals(): Promise<ServerRow[]> {
  const { rows } = await server.pool.query<ServerRow>(
    'SELECT id::text, official_number, record FROM appeals',
  );
  return rows;
}

/** Registers `n` appeals on each workstation and waits until each shows its official number. */
async function registerAcknowledged(n: number): Promise<Map<Workstation, Appeal[]>> {
  const made = new Map<Workstation, Appeal[]>();
  for (const w of workstations) made.set(w, await Promise.all(Array.from({ length: n }, () => register(w))));
  for (const [w, appeals] of made) {
    for (const a of appeals) {
      await until('official number shown', async () => (await local(w, a.id)).officialNumber !== null);
    }
  }
  return made;
}

/** The official numbers the operators were shown for these appeals. */
async function numbersShown(batch: Map<Workstation, Appeal[]>): Promise<Map<string, string | null>> {
  const shown = new Map<string, string | null>();
  for (const [w, appeals] of batch)
    for (const a of appeals) shown.set(a.id, (await local(w, a.id)).officialNumber);
  return shown;
}

/** Every acknowledged appeal on the server exactly once with its content, numbers equal everywhere. */
async function expectConverged(acknowledged: Map<Workstation, Appeal[]>[], waitMs = 15_000): Promise<void> {
  const ids = acknowledged.flatMap((batch) => [...batch.values()].flat().map((a) => a.id));
  // The re-send happens on the re-sync that the first pull after the restore starts.
  await until(
    'every acknowledged appeal back on the server',
    async () => {
      const present = new Set((await serverAppeals()).map((r) => r.id));
      return ids.every((id) => present.has(id));
    },
    waitMs,
  );
  for (const w of workstations) await until('outbox empty', drained(w), 15_000);
  const rows = await serverAppeals();
  const byId = new Map(rows.map((r) => [r.id, r]));
  expect(byId.size).toBe(rows.length);
  const numbers = rows.map((r) => r.official_number);
  expect(numbers.every((n) => n !== null && /^1551-\d{4}-\d{6}$/.test(n))).toBe(true);
  expect(new Set(numbers).size).toBe(rows.length);
  let total = 0;
  for (const batch of acknowledged) {
    for (const [w, appeals] of batch) {
      for (const appeal of appeals) {
        total++;
        const row = byId.get(appeal.id);
        expect(row, `appeal ${appeal.provisionalNumber} on the server`).toBeDefined();
        // The server records the signed-in operator as the author.
        const { operatorId: _, ...content } = appealCreatePayload(appeal);
        expect(row!.record).toMatchObject(content);
        for (const each of workstations) {
          await until(`number of ${appeal.provisionalNumber} converges`, async () => {
            const got = await local(each, appeal.id).catch(() => null);
            return got?.officialNumber === row!.official_number;
          });
        }
        expect((await local(w, appeal.id)).officialNumber).toBe(row!.official_number);
      }
    }
  }
  expect(rows.length).toBe(total);
  const { rows: dupes } = await server.pool.query(
    'SELECT provisional_number FROM appeals GROUP BY provisional_number HAVING count(*) > 1',
  );
  expect(dupes).toEqual([]);
}

describe('A server database restored from a backup', () => {
  it('gets back every appeal acknowledged after the backup, once, when the restore rotates the epoch', async () => {
    const before = await registerAcknowledged(3);
    await backup();
    const after = await registerAcknowledged(4);
    expect((await serverAppeals()).length).toBe(14);
    const shown = await numbersShown(after);
    await restore(true);
    expect((await serverAppeals()).length).toBe(6);
    await expectConverged([before, after]);
    // The numbers citizens were told survive: the re-sends carry them and the server keeps them.
    expect(await numbersShown(after)).toEqual(shown);
    // Registering keeps working after the re-sync.
    const later = await registerAcknowledged(1);
    await expectConverged([before, after, later]);
  }, 40_000);

  // Restored into the same cluster (drop, recreate, restore), the transaction counter keeps
  // counting, so only the server's own check notices: the workstations' cursors and acknowledged
  // seqs name rows the restored database no longer has.
  it('gets back every appeal acknowledged after the backup when the restore keeps the epoch', async () => {
    const before = await registerAcknowledged(3);
    await backup();
    const after = await registerAcknowledged(4);
    const shown = await numbersShown(after);
    await restore(false);
    expect((await serverAppeals()).length).toBe(6);
    await expectConverged([before, after], 10_000);
    expect(await numbersShown(after)).toEqual(shown);
  }, 40_000);
});
