// The store's one way to run a transaction: immediate, so the write lock is taken first and two
// writers (another process migrating, a second window) never deadlock on a lock upgrade. Store.write
// (services, sync) and each migration step run through it.
import type { WritableDB } from './types';

/** Told whether the outermost transaction committed (true) or any level of it rolled back (false). */
export type TransactionEndListener = (committed: boolean) => void;

const listeners = new WeakMap<WritableDB, Set<TransactionEndListener>>();

/**
 * For caches of what the store holds (searchTerms.ts' known words): what a transaction wrote is
 * only theirs to remember once it committed.
 */
export function onTransactionEnd(db: WritableDB, listener: TransactionEndListener): void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
}

const notify = (db: WritableDB, committed: boolean): void => {
  for (const listener of listeners.get(db) ?? []) listener(committed);
};

export function inImmediateTransaction<T>(db: WritableDB, fn: () => T): T {
  const outermost = !db.inTransaction;
  let result: T;
  try {
    result = db.transaction(fn).immediate();
  } catch (error) {
    // A nested level rolled back to its savepoint: what it wrote is gone even if the outer one commits.
    notify(db, false);
    throw error;
  }
  if (outermost) notify(db, true);
  return result;
}
