// The store's one way to run a transaction: immediate, so the write lock is taken first and two
// writers (another process migrating, a second window) never deadlock on a lock upgrade. Store.write
// (services, sync) and each migration step run through it.
import type { WritableDB } from './types';

export function inImmediateTransaction<T>(db: WritableDB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
