// Keyset cursors of the work lists: the sort key of a page's last row, base64url JSON. A cursor is
// checked field by field before any part of it reaches SQL.
import { z } from 'zod';
import { CalendarDate, UuidAnyCase } from '../../shared/domain/storable';

/** created_at as to_json writes it: ISO 8601 with microseconds and an offset. */
const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/);

/** Priority first (benefit holders), then the nearest deadline, then the oldest. */
export const UrgentKey = z.tuple([z.boolean(), CalendarDate, Timestamp, UuidAnyCase]);
export type UrgentKey = z.infer<typeof UrgentKey>;

/** Newest first (`my_recent`). */
export const RecentKey = z.tuple([Timestamp, UuidAnyCase]);
export type RecentKey = z.infer<typeof RecentKey>;

export class BadCursorError extends Error {
  constructor() {
    super('The cursor is not one this server gave out for this list');
  }
}

export const encodeKey = (key: UrgentKey | RecentKey): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeKey<T extends z.ZodType>(schema: T, cursor: string): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadCursorError();
  return parsed.data;
}
