import Database from 'better-sqlite3-multiple-ciphers';
import { nextSortKey, SLOTS_PER_MS } from './sortKey';
import type { WritableDB } from './types';

function table(): WritableDB {
  const db = new Database(':memory:') as unknown as WritableDB;
  db.exec('CREATE TABLE appeals (sort_key INTEGER PRIMARY KEY)');
  return db;
}

const insertAt = (db: WritableDB, ms: number): number => {
  const key = nextSortKey(db, 'appeals', ms);
  db.prepare('INSERT INTO appeals (sort_key) VALUES (?)').run(key);
  return key;
};

describe('sort keys', () => {
  it('gives rows of one instant distinct, increasing keys at or after it, past a full millisecond', () => {
    const db = table();
    const at = 1_700_000_000_000;
    const keys = Array.from({ length: 3 * SLOTS_PER_MS + 5 }, () => insertAt(db, at));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(keys[0]).toBe(at * SLOTS_PER_MS);
    // The fourth millisecond holds the last five.
    expect(Math.floor(keys.at(-1)! / SLOTS_PER_MS)).toBe(at + 3);
  });

  it('asks about each full millisecond once, not once per row (a bulk import of one timestamp)', () => {
    const db = table();
    const at = 1_700_000_000_000;
    let probes = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!sql.includes('max(sort_key)')) return statement;
      return { get: (...args: unknown[]) => (probes++, statement.get(...args)) };
    }) as typeof db.prepare;
    for (let i = 0; i < 10 * SLOTS_PER_MS; i++) insertAt(db, at);
    // One probe per row plus one per millisecond passed; without the hint it was ~45,000.
    expect(probes).toBeGreaterThanOrEqual(10 * SLOTS_PER_MS);
    expect(probes).toBeLessThan(10 * SLOTS_PER_MS + 20);
  });

  it('stays unique when a row of a millisecond it skipped is deleted', () => {
    const db = table();
    const at = 1_600_000_000_000;
    const keys = Array.from({ length: SLOTS_PER_MS + 3 }, () => insertAt(db, at));
    db.prepare('DELETE FROM appeals WHERE sort_key = ?').run(keys[10]);
    const next = insertAt(db, at);
    expect(keys).not.toContain(next);
    expect(next).toBeGreaterThanOrEqual(at * SLOTS_PER_MS);
  });

  it('starts a later instant at its own millisecond', () => {
    const db = table();
    for (let i = 0; i < SLOTS_PER_MS + 1; i++) insertAt(db, 1000);
    expect(insertAt(db, 5000)).toBe(5000 * SLOTS_PER_MS);
    expect(insertAt(db, 1000)).toBe(1001 * SLOTS_PER_MS + 1);
  });
});
