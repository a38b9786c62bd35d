// Settings repository: key -> JSON value. Values are checked by the service that reads them.
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export function readSettings(db: ReadableDB): Map<string, unknown> {
  const rows = prepare<{ key: string; value: string }>(db, 'SELECT key, value FROM settings').all();
  return new Map(rows.map((r): [string, unknown] => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSetting(db: WritableDB, key: string, value: unknown): void {
  prepare(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}
