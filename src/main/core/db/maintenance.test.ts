import { createMaintenance, WAL_CEILING_PAGES } from './maintenance';
import type { WritableDB } from './types';

// A stand-in for the connection: these tests are about scheduling, not SQLite (the store's
// integration tests run the real thing).
function fakeDb() {
  const calls: string[] = [];
  const db = {
    open: true,
    inTransaction: false,
    pragma: (sql: string) => calls.push(sql),
    prepare: (sql: string) => ({ run: (...args: unknown[]) => calls.push(`${sql} ${JSON.stringify(args)}`) }),
  };
  return { db: db as unknown as WritableDB & { open: boolean }, calls };
}

const nextTurn = () => new Promise((done) => setImmediate(done));
/** A merge step: without an fsync of its own, full sync restored for the saves after it. */
const MERGE = [
  'synchronous = NORMAL',
  `INSERT INTO appeals_fts (appeals_fts, rank) VALUES ('merge', ?) [100]`,
  'synchronous = FULL',
];
const steps = (calls: string[]) => calls.filter((c) => c !== `wal_autocheckpoint = ${WAL_CEILING_PAGES}`);

it('raises the automatic checkpoint to a ceiling for bursts', () => {
  const { db, calls } = fakeDb();
  createMaintenance(db);
  expect(calls).toEqual([`wal_autocheckpoint = ${WAL_CEILING_PAGES}`]);
});

it('merges and checkpoints after the reply, on the next turn of the event loop, once per batch of writes', async () => {
  const { db, calls } = fakeDb();
  const maintenance = createMaintenance(db);
  for (let i = 0; i < 7; i++) maintenance.afterWrite();
  await nextTurn();
  expect(steps(calls)).toEqual([]);

  maintenance.afterWrite();
  expect(steps(calls)).toEqual([]);
  await nextTurn();
  expect(steps(calls)).toEqual([...MERGE, 'wal_checkpoint(PASSIVE)']);
});

it('does nothing once disposed or when the connection is closed', async () => {
  const { db, calls } = fakeDb();
  const maintenance = createMaintenance(db);
  for (let i = 0; i < 8; i++) maintenance.afterWrite();
  maintenance.dispose();
  await nextTurn();
  for (let i = 0; i < 8; i++) maintenance.afterWrite();
  db.open = false;
  await nextTurn();
  expect(steps(calls)).toEqual([]);
});

it('hands the checkpoint to the checkpointing thread, and does it inline when the thread is not there', async () => {
  const { db, calls } = fakeDb();
  let threadUp = true;
  const requests: boolean[] = [];
  const checkpointer = {
    request: () => (requests.push(threadUp), threadUp),
    close: () => calls.push('checkpointer closed'),
  };
  const maintenance = createMaintenance(db, checkpointer);
  for (let i = 0; i < 8; i++) maintenance.afterWrite();
  await nextTurn();
  expect(steps(calls)).toEqual(MERGE);
  threadUp = false;
  for (let i = 0; i < 8; i++) maintenance.afterWrite();
  await nextTurn();
  expect(steps(calls).slice(MERGE.length)).toEqual([...MERGE, 'wal_checkpoint(PASSIVE)']);
  expect(requests).toEqual([true, false]);
  maintenance.dispose();
  expect(calls.at(-1)).toBe('checkpointer closed');
});

it('restores full sync for the saves after a merge step that failed', async () => {
  const { db, calls } = fakeDb();
  (db as unknown as { prepare: () => unknown }).prepare = () => ({
    run: () => {
      throw new Error('SQLITE_FULL');
    },
  });
  const maintenance = createMaintenance(db);
  for (let i = 0; i < 8; i++) maintenance.afterWrite();
  await nextTurn();
  expect(steps(calls)).toEqual(['synchronous = NORMAL', 'synchronous = FULL']);
});
