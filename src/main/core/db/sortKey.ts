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

/** The first free key at or after the given instant; run it inside the inserting transaction. */
export function nextSortKey(db: ReadableDB, table: KeyedTable, createdAtMs: number): number {
  for (let ms = Math.max(0, Math.floor(createdAtMs)); ; ms++) {
    const low = ms * SLOTS_PER_MS;
    const high = low + SLOTS_PER_MS - 1;
    const { k } = prepare<{ k: number | null }>(db, MAX_IN_RANGE[table]).get(low, high)!;
    if (k === null) return low;
    if (k < high) return k + 1;
  }
}
