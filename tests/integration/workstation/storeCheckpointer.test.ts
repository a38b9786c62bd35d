// The WAL checkpoint on its own thread (src/main/core/db/checkpointer.ts), on a real encrypted
// store: the thread folds committed pages into the file while main only writes, and a closed
// store is one file again (the thread's connection is gone before main's close).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src/main/core/db/openStore';
import { createCheckpointer } from '../../../src/main/core/db/checkpointer';
import { CIPHER } from '../../../src/main/core/db/fileFormat';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs();
const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 20));
  }
};

it('moves committed pages into the store file from its thread, and leaves one file at close', async () => {
  const file = join(tempDir(), 'store.db');
  const key = randomKey();
  const opened = openStore({ file, key });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  store.write(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
  // Past the store's own upkeep: only this test's checkpointer may move pages from here on.
  await new Promise((done) => setImmediate(done));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const before = statSync(file).size;
  for (let i = 0; i < 40; i++) store.db.prepare('INSERT INTO filler (x) VALUES (randomblob(8192))').run();
  expect(statSync(file).size).toBe(before);

  const checkpointer = createCheckpointer({ file, key, cipher: CIPHER });
  expect(checkpointer.request()).toBe(true);
  await until(() => statSync(file).size > before + 40 * 8192);
  checkpointer.close();

  store.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
});

it('says so when it cannot work (the file is gone), so the caller checkpoints itself', async () => {
  const file = join(tempDir(), 'absent.db');
  const checkpointer = createCheckpointer({ file, key: randomKey(), cipher: CIPHER });
  checkpointer.request();
  await until(() => checkpointer.request() === false);
  checkpointer.close();
});

it("closes the store's own thread before the store: a closed store is one file", async () => {
  const file = join(tempDir(), 'store.db');
  const opened = openStore({ file, key: randomKey() });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  store.write(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
  for (let round = 0; round < 5; round++) {
    // Enough writes for an upkeep step each round; the step (and its checkpoint request) runs on the next turn.
    for (let i = 0; i < 8; i++)
      store.write(() => store.db.prepare('INSERT INTO filler (x) VALUES (randomblob(8192))').run());
    await new Promise((done) => setImmediate(done));
  }
  // The thread is up, its connection open (it starts at the first request and loads the driver).
  await new Promise((done) => setTimeout(done, 500));
  store.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
});
