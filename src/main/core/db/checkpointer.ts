// WAL checkpoints on a worker thread. A passive checkpoint copies committed pages into the store
// file and fsyncs it: 5-20 ms on these disks, every few saves, which on the main thread delays
// whatever the operator does next (a keystroke's suggestions, the next save). In WAL mode a
// passive checkpoint takes no write lock, so a second connection on another thread does the same
// work while main's writers go on. The worker is plain CommonJS given as source (no file to
// bundle or unpack), and requires the SQLite driver by the absolute path main resolved.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("cipher = '" + workerData.cipher + "'");
db.pragma('key = "x\\'' + workerData.keyHex + '\\'"');
// Never wait for a lock: a checkpoint that cannot run now runs at the next request.
db.pragma('busy_timeout = 0');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
    parentPort.close();
    return;
  }
  let ok = true;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    ok = false;
  }
  parentPort.postMessage(ok);
});
`;

export interface Checkpointer {
  /**
   * Asks for a passive checkpoint; a request while one runs is dropped (the next catches up).
   * False when the thread is not there (could not start, or died): the caller checkpoints itself.
   */
  request(): boolean;
  /**
   * Lets the thread finish its checkpoint and close its connection, and waits for that (at most
   * CLOSE_WAIT_MS): main's own close then finds itself the last connection and folds the WAL
   * into the file, so a closed store is one file again.
   */
  close(): void;
}

export interface CheckpointerOptions {
  file: string;
  key: Buffer;
  cipher: string;
}

const driverPath = (): string => createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

const CLOSE_WAIT_MS = 2000;

/** The thread starts at the first request: a store that never fills a step never pays for it. */
export function createCheckpointer(options: CheckpointerOptions): Checkpointer {
  let worker: Worker | null = null;
  let running = false;
  let closed = false;
  let failed = false;
  const closedFlag = new Int32Array(new SharedArrayBuffer(4));
  const start = (): Worker | null => {
    try {
      const started = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          driver: driverPath(),
          file: options.file,
          cipher: options.cipher,
          keyHex: options.key.toString('hex'),
          closed: closedFlag,
        },
      });
      started.on('message', () => (running = false));
      // A thread that failed (the driver did not load, the file went away) hands checkpoints back
      // to the caller.
      started.on('error', () => (failed = true));
      started.on('exit', () => (failed = true));
      // The thread must never keep the process alive on its own.
      started.unref();
      return started;
    } catch {
      failed = true;
      return null;
    }
  };
  return {
    request() {
      if (closed || failed) return false;
      worker ??= start();
      if (worker === null) return false;
      if (running) return true;
      running = true;
      worker.postMessage('checkpoint');
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      if (worker === null || failed) return;
      worker.postMessage('close');
      // Closing is rare (sign-out, quit): blocking main for the thread's last checkpoint is fine.
      Atomics.wait(closedFlag, 0, 0, CLOSE_WAIT_MS);
    },
  };
}
