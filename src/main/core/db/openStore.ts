// Opens (or creates) the encrypted local store. Every way a file can be wrong is reported as a
// `storage_error` naming the problem, and none of them changes the file: foreign files are
// recognised before SQLite opens them, and nothing is written before the key, the format and the
// schema version have been checked.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { assertNever, fail, ok, type Result } from '../../../shared/result';
import { createCheckpointer } from './checkpointer';
import { createMaintenance } from './maintenance';
import { CIPHER, compareKeyCheck, sniffFile, writeKeyCheck } from './fileFormat';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { migrate, schemaVersionOf } from './migrate';
import { damagedMessage, isSqliteError, storageFailure } from './storageErrors';
import { inImmediateTransaction } from './transaction';
import type { Store, WritableDB } from './types';
import { KEY_BYTES } from '../../security/keyProvider';

export interface OpenStoreOptions {
  file: string;
  /** 32 random bytes (see security/keyProvider.ts). */
  key: Buffer;
}

/**
 * `synchronous = FULL`: in WAL mode every commit is fsynced before it returns, so an appeal whose
 * number was read to the citizen survives a killed process (NORMAL would too: the WAL is written
 * before the commit returns) and also a power cut or OS crash (NORMAL would not). Measured on the
 * build machine: +0.2 ms per commit at the median, +0.3 ms at p99; a saved appeal costs 1.4 ms
 * (p50) and 2.6 ms (p99) at a million appeals (bench/store.ts). The SIGKILL test
 * (tests/integration/workstation/storeCrash.test.ts) checks the process-kill guarantee.
 */
const CONNECTION_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  // Another process (a second instance, a backup tool) may hold the write lock briefly.
  'busy_timeout = 5000',
  // Sorts and temporary indexes stay in memory: SQLite3MC does not encrypt temporary files.
  'temp_store = MEMORY',
  // PRAGMA optimize samples instead of reading whole indexes.
  'analysis_limit = 1000',
];

const untouched = 'The file was left untouched.';

export function openStore({ file, key }: OpenStoreOptions): Result<Store> {
  if (key.length !== KEY_BYTES)
    return fail('storage_error', `The store key must be ${KEY_BYTES} bytes, got ${key.length}`);

  let kind: ReturnType<typeof sniffFile>;
  try {
    kind = sniffFile(file);
  } catch (e) {
    return fail('storage_error', `Cannot read the local store ${file}: ${(e as Error).message}`);
  }
  if (kind === 'plain_sqlite') {
    return fail(
      'storage_error',
      `${file} is an unencrypted SQLite database, not this workstation's encrypted store (another application's file?). ${untouched}`,
    );
  }
  if (kind === 'unrecognised') {
    return fail(
      'storage_error',
      `${file} is not a workstation store: its format is not recognised (a foreign or damaged file). ${untouched}`,
    );
  }
  if (kind === 'empty' && compareKeyCheck(file, key) !== 'unknown') {
    // A store was created here (its key check exists) and is now zero bytes long.
    return fail('storage_error', `${damagedMessage(file)} (it is empty) ${untouched}`);
  }

  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: kind !== 'absent' });
  } catch (e) {
    return fail(
      'storage_error',
      storageFailure(e, file)?.message ?? `Cannot open ${file}: ${(e as Error).message}`,
    );
  }
  const closeWith = (result: Result<never>): Result<never> => {
    db.close();
    return result;
  };

  try {
    db.pragma(`cipher = '${CIPHER}'`);
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    // The first read decrypts page 1: a wrong key or a damaged header fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    if (isSqliteError(e, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) {
      return closeWith(fail('storage_error', `${decryptionFailure(file, key)} ${untouched}`));
    }
    const failure = storageFailure(e, file);
    db.close();
    if (!failure) throw e;
    return fail(failure.code, failure.message);
  }

  try {
    const version = schemaVersionOf(db as WritableDB);
    if (version > LATEST_SCHEMA_VERSION) {
      return closeWith(
        fail(
          'storage_error',
          `The local store ${file} was created by a newer version: schema ${version}, this app knows ${LATEST_SCHEMA_VERSION}. Update the application. ${untouched}`,
        ),
      );
    }
    const sizeProblem = checkSize(db, file);
    if (sizeProblem) return closeWith(fail('storage_error', `${sizeProblem} ${untouched}`));

    for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
    const schemaVersion = migrate(db as WritableDB, MIGRATIONS);
    if (compareKeyCheck(file, key) !== 'matches') writeKeyCheck(file, key);
    const writable = db as WritableDB;
    const maintenance = createMaintenance(writable, createCheckpointer({ file, key, cipher: CIPHER }));
    return ok({
      db: writable,
      file,
      schemaVersion,
      write: <T>(fn: () => T): T => {
        const result = inImmediateTransaction(writable, fn);
        maintenance.afterWrite();
        return result;
      },
      close: () => {
        maintenance.dispose();
        if (!db.open) return;
        // Planner statistics are refreshed on close, not open: analysing a million appeals the
        // first time takes about a second, which start-up must not wait for.
        db.pragma('optimize');
        db.close();
      },
    });
  } catch (e) {
    const failure = storageFailure(e, file);
    if (!failure) {
      db.close();
      throw e;
    }
    return closeWith(fail(failure.code, failure.message));
  }
}

function decryptionFailure(file: string, key: Buffer): string {
  const verdict = compareKeyCheck(file, key);
  switch (verdict) {
    case 'differs':
      return `The local store ${file} cannot be decrypted with this key: the key is wrong (not the one the store was created with).`;
    case 'matches':
      return damagedMessage(file);
    case 'unknown':
      return `The local store ${file} cannot be decrypted: the key is wrong or the file is damaged.`;
    default:
      return assertNever(verdict, 'key check verdict');
  }
}

/** A store cut short (a failed copy, a full disk) shows as a size that is not whole pages. */
function checkSize(db: Database.Database, file: string): string | null {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const bytes = statSync(file).size;
  if (bytes % pageSize !== 0)
    return `${damagedMessage(file)} (its size is not a whole number of pages: truncated?)`;
  return null;
}
