// Handle types in the style of Signal Desktop: read functions take a `ReadableDB`, functions that
// change data take a `WritableDB`, so a reader cannot write by accident and a reviewer sees at
// the signature which functions touch data.
import type Database from 'better-sqlite3-multiple-ciphers';

declare const readable: unique symbol;
declare const writable: unique symbol;

export type ReadableDB = Database.Database & { readonly [readable]: true };
export type WritableDB = ReadableDB & { readonly [writable]: true };

export interface Store {
  readonly db: WritableDB;
  readonly file: string;
  /** `PRAGMA user_version` after migration: the number of the last migration applied. */
  readonly schemaVersion: number;
  /**
   * Runs `fn` in an immediate transaction (the write lock is taken first, so two writers never
   * deadlock on an upgrade) and returns its result once committed.
   */
  write<T>(fn: () => T): T;
  close(): void;
}

/** What code that reads and writes needs of the store: its handle and its one way to write. */
export type StoreWriter = Pick<Store, 'db' | 'write'>;
