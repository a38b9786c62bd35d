// Row keys that sort by creation time: milliseconds since the epoch times 1024, plus a tie-breaker
// for rows made in the same millisecond. The result stays below 2^53 until the year 2248, so it
// is an exact JavaScript number and a plain SQLite INTEGER rowid.
import { prepare } from './statements';
import type { ReadableDB } from './types';

export const SLOTS_PER_MS = 1024;

export type KeyedTable = 'appeals' | 'consultations' | 'calls';

const MAX_IN_RANGE: Record<KeyedTable, string> = {
  appeals: 'SELECT max(sort_key) AS k FROM appeals WHERE sort_key BETWEEN ? AND ?',
  consultations: 'SELECT max(sort_key) AS k FROM consultations WHERE sort_key BETWEEN ? AND ?',
  calls: 'SELECT max(sort_key) AS k FROM calls WHERE sort_key BETWEEN ? AND ?',
};

/**
 * Where the last search for a millisecond ended, per connection and table. A bulk import whose
 * rows share one timestamp (a first sync, an import with seconds-only times) fills that
 * millisecond's 1,024 slots and then the next ones: without this, every row would probe every
 * full millisecond again, one query each (4.6 s of a 100k first sync). Skipping a millisecond found
 * full is safe even if a row was deleted from it since: the key is still unique and still at or
 * after the instant, only a slot later than it could have been.
 */
const fullUntil = new WeakMap<ReadableDB, Map<string, number>>();

/** The first free key at or after the given instant; run it inside the inserting transaction. */
export function nextSortKey(db: ReadableDB, table: KeyedTable, createdAtMs: number): number {
  const from = Math.max(0, Math.floor(createdAtMs));
  let hints = fullUntil.get(db);
  if (hints === undefined) fullUntil.set(db, (hints = new Map()));
  const hintKey = `${table}:${from}`;
  for (let ms = Math.max(from, hints.get(hintKey) ?? from); ; ms++) {
    const low = ms * SLOTS_PER_MS;
    const high = low + SLOTS_PER_MS - 1;
    const { k } = prepare<{ k: number | null }>(db, MAX_IN_RANGE[table]).get(low, high)!;
    if (k !== null && k >= high) continue;
    if (ms > from) rememberFull(hints, hintKey, ms);
    return k === null ? low : k + 1;
  }
}

/** Hints are few at a time (one per timestamp being imported); a bound keeps a long session's small. */
const MAX_HINTS = 64;

function rememberFull(hints: Map<string, number>, key: string, ms: number): void {
  hints.delete(key);
  hints.set(key, ms);
  if (hints.size > MAX_HINTS) hints.delete(hints.keys().next().value!);
}
