// What every store (SQLite, PostgreSQL, JSON in both) accepts, checked at the edge so that one bad
// value is refused with its reason instead of failing a whole transaction deep inside a batch.
// PostgreSQL refuses U+0000 in text and jsonb, JSON.stringify keeps a lone surrogate that
// PostgreSQL's jsonb then rejects, and a `date` or `timestamptz` outside the calendar fails the
// statement: these are the values that once turned a single mutation into a 500 for its batch.
import { z } from 'zod';

/** One UUID shape for every id made by a workstation or the server (lower-case hex). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const Uuid = z.string().regex(UUID_PATTERN, { message: 'Not a UUID' });
/** A UUID as a URL or a query may spell it: PostgreSQL's `uuid` reads either case. */
export const UuidAnyCase = z.string().regex(new RegExp(UUID_PATTERN.source, 'i'), { message: 'Not a UUID' });
/** The same shape narrowed to RFC 9562 version 7 (`uuidv7()` in ids.ts): version 7, variant 10. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0000-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** False for text no store can keep as it is: U+0000 or a lone UTF-16 surrogate. */
export function isStorableText(s: string): boolean {
  return !NUL.test(s) && wellFormed(s);
}

const UNSTORABLE = new RegExp(`${NUL.source}|${LONE_SURROGATE.source}`, 'g');

/** Text as it was, or with what no store can keep (U+0000, lone surrogates) replaced by U+FFFD. */
export const storableOrReplaced = (s: string): string =>
  isStorableText(s) ? s : s.replace(UNSTORABLE, '\ufffd');

export const UNSTORABLE_MESSAGE = 'Contains characters that cannot be stored (a NUL or a broken character)';

/**
 * Free text (essence, answers): any printable text with line breaks and tabs, never NUL, other
 * C0 controls or lone surrogates.
 */
export const storableText = (s: string): boolean => wellFormed(s) && !CONTROL.test(s);
/** A one-line value (names, ids, streets): no control characters at all. */
export const storableLine = (s: string): boolean => wellFormed(s) && !LINE_CONTROL.test(s);

export const StorableText = z.string().refine(storableText, { message: UNSTORABLE_MESSAGE });
export const StorableLine = z.string().refine(storableLine, { message: UNSTORABLE_MESSAGE });

/** Years a center can have received an appeal in; outside them a date is a client bug or an attack. */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day `YYYY-MM-DD` within YEAR_RANGE. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return false;
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export const CalendarDate = z.string().refine(isCalendarDate, {
  message: `Not a calendar date YYYY-MM-DD between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`,
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant with an offset whose calendar day exists and is within YEAR_RANGE. */
export function isInstant(s: string): boolean {
  if (s.length > 40 || !ISO_INSTANT.test(s) || !isCalendarDate(s.slice(0, 10))) return false;
  const t = Date.parse(s);
  return Number.isFinite(t);
}

export const Instant = z.string().refine(isInstant, {
  message: `Not a date and time with an offset (ISO 8601) between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`,
});

/** PostgreSQL `integer`: counters and versions that must fit it. */
export const INT4_MAX = 2_147_483_647;
