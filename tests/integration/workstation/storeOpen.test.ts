// Opening the encrypted store: creation, migrations, and every way a file can be refused without
// being changed.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { keyCheckPath, sniffFile } from '../../../src/main/core/db/fileFormat';
import { migrate } from '../../../src/main/core/db/migrate';
import { insertBareAppealRow } from '../support/storeRows';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../src/main/core/db/migrations';
import { openStore } from '../../../src/main/core/db/openStore';
import type { WritableDB } from '../../../src/main/core/db/types';
import { randomKey, snapshot, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs();

function openOk(file: string, key: Buffer) {
  const store = openStore({ file, key });
  if (!store.ok) throw new Error(store.error.message);
  return store.value;
}

function expectRefused(file: string, key: Buffer, message: RegExp) {
  const before = snapshot(file);
  const result = openStore({ file, key });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('storage_error');
  expect(result.error.message).toMatch(message);
  expect(result.error.message).toMatch(/left untouched/);
  expect(snapshot(file)).toEqual(before);
}

/** A raw connection to an encrypted store, bypassing openStore's checks. */
function rawConnection(file: string, key: Buffer): WritableDB {
  const db = new Database(file);
  db.pragma(`cipher = 'chacha20'`);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  return db as WritableDB;
}

function storeWithData(key = randomKey()) {
  const file = join(tempDir(), 'workstation.db');
  const store = openOk(file, key);
  store.db.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
  store.close();
  return { file, key };
}

const tables = (db: WritableDB) =>
  (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
  ).filter((n) => !n.startsWith('appeals_fts_') && !n.startsWith('sqlite_'));

describe('a new store', () => {
  it('is created encrypted, at the latest schema, in WAL mode with full sync and foreign keys', () => {
    const file = join(tempDir(), 'workstation.db');
    const store = openOk(file, randomKey());
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
    expect(sniffFile(file)).toBe('encrypted_store');
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(existsSync(keyCheckPath(file))).toBe(true);
  });

  it('opens again with the same key and keeps its data', () => {
    const { file, key } = storeWithData();
    const store = openOk(file, key);
    expect(store.db.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');
    store.close();
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3, ... without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('apply one by one from an empty database, each keeping the data of the ones before', () => {
    const file = join(tempDir(), 'steps.db');
    const db = rawConnection(file, randomKey());
    const expected: Record<number, string[]> = {
      1: ['appeal_phones', 'appeals', 'appeals_fts'],
      2: ['appeal_phones', 'appeals', 'appeals_fts', 'consultations'],
      3: ['appeal_phones', 'appeals', 'appeals_fts', 'consultations', 'device', 'outbox', 'settings'],
      4: [
        'appeal_phones',
        'appeals',
        'appeals_fts',
        'auth_session',
        'auth_verifiers',
        'consultations',
        'device',
        'outbox',
        'outbox_rejected',
        'settings',
        'sync_resync_seen',
        'sync_state',
      ],
    };
    // 5 adds a column (the pending token renewal), no table.
    expected[5] = expected[4]!;
    // 6 adds a column (the acknowledged seq), no table; 7 the softphone's tables.
    expected[6] = expected[5]!;
    expected[7] = [...expected[6]!, 'agent_state', 'call_links', 'calls', 'softphone_credentials'].sort();
    // 8 adds the author of queued and refused changes (columns), no table.
    expected[8] = expected[7]!;
    // 9 adds the device key (a column), no table.
    expected[9] = expected[8]!;
    // 10 indexes provisional numbers, no table.
    expected[10] = expected[9]!;
    // 11 adds the work lists' columns and indexes, and the executors' contacts from the server.
    expected[11] = [...expected[10]!, 'executor_contacts'].sort();
    // 12 holds steps the server applied until the pull brings their outcome.
    expected[12] = [...expected[11]!, 'appeal_changes_applied'].sort();
    // 13 keeps links to mass incidents that wait for their appeal's push.
    expected[13] = [...expected[12]!, 'incident_links_waiting'].sort();
    // 14 keeps the dictionary of indexed words that search spells prefixes out with.
    expected[14] = [...expected[13]!, 'search_terms'].sort();
    expect(Object.keys(expected)).toHaveLength(LATEST_SCHEMA_VERSION);
    for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
      expect(migrate(db, MIGRATIONS, version)).toBe(version);
      expect(tables(db)).toEqual(expected[version]);
      if (version === 1) {
        insertBareAppealRow(db);
      }
      expect(db.prepare('SELECT count(*) FROM appeals').pluck().get()).toBe(1);
    }
    db.close();
  });

  it('roll a failing migration back whole, leaving the previous version', () => {
    const file = join(tempDir(), 'failing.db');
    const db = rawConnection(file, randomKey());
    migrate(db);
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuse a store created by a newer version and leave it as it was', () => {
    const { file, key } = storeWithData();
    const db = rawConnection(file, key);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 4}`);
    db.close();
    expectRefused(
      file,
      key,
      new RegExp(
        `created by a newer version: schema ${LATEST_SCHEMA_VERSION + 4}, this app knows ${LATEST_SCHEMA_VERSION}`,
      ),
    );
  });
});

describe('a store that cannot be read', () => {
  it('is refused with "wrong key" when the key is not the one it was created with', () => {
    const { file } = storeWithData();
    expectRefused(file, randomKey(), /key is wrong \(not the one the store was created with\)/);
  });

  it('is refused with "wrong key or damaged" when its key check is missing, and its WAL is kept', () => {
    // A copy taken while the store was open holds committed rows only in its WAL.
    const { file, key } = storeWithData();
    const live = openOk(file, key);
    live.db.prepare(`INSERT INTO settings (key, value) VALUES ('locale', '"ru"')`).run();
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    live.close();
    expect(readFileSync(`${copy}-wal`).length).toBeGreaterThan(0);

    expectRefused(copy, randomKey(), /key is wrong or the file is damaged/);
    const reopened = openOk(copy, key);
    expect(reopened.db.prepare(`SELECT value FROM settings WHERE key = 'locale'`).pluck().get()).toBe('"ru"');
    reopened.close();
  });

  it('is refused as damaged when page 1 no longer decrypts with the right key', () => {
    const { file, key } = storeWithData();
    const bytes = readFileSync(file);
    bytes.fill(0x55, 200, 260);
    writeFileSync(file, bytes);
    expectRefused(file, key, /is damaged: it cannot be read even with the right key/);
  });

  it('is refused as damaged when it was cut short', () => {
    const { file, key } = storeWithData();
    truncateSync(file, readFileSync(file).length - 1000);
    expectRefused(file, key, /is damaged.*truncated/);
  });

  it('is refused as damaged when it was emptied', () => {
    const { file, key } = storeWithData();
    truncateSync(file, 0);
    expectRefused(file, key, /is damaged.*empty/);
  });
});

describe('a foreign file', () => {
  it('an unencrypted SQLite database of another application is refused and not opened', () => {
    const file = join(tempDir(), 'other-app.db');
    const other = new Database(file);
    other.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');`);
    other.close();
    expectRefused(
      file,
      randomKey(),
      /is an unencrypted SQLite database, not this workstation's encrypted store/,
    );
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
  });

  it('random bytes are refused as an unrecognised format', () => {
    const file = join(tempDir(), 'random.db');
    writeFileSync(file, randomBytes(16384));
    expectRefused(file, randomKey(), /is not a workstation store: its format is not recognised/);
  });

  it('a text file is refused as an unrecognised format', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'Список справ на завтра\n');
    expectRefused(file, randomKey(), /not a workstation store/);
  });
});

it('refuses a key that is not 32 bytes', () => {
  const file = join(tempDir(), 'short-key.db');
  const result = openStore({ file, key: Buffer.alloc(16) });
  expect(!result.ok && result.error.message).toMatch(/must be 32 bytes, got 16/);
  expect(existsSync(file)).toBe(false);
});
