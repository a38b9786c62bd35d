// The keyset cursor of a work list in priority order: the last row's place (priority, deadline, sort
// key), opaque to the renderer. The next page starts right after it, so it costs what the first did
// and never shifts when appeals arrive or leave.
import { isCalendarDate } from '../../shared/domain/storable';

export interface ListPosition {
  priority: 0 | 1;
  deadlineOn: string;
  sortKey: number;
}

const CURSOR = /^w([01])\.(\d{4}-\d{2}-\d{2})\.([0-9a-z]{1,11})$/;

export const encodeListCursor = (p: ListPosition): string =>
  `w${p.priority}.${p.deadlineOn}.${p.sortKey.toString(36)}`;

/** The position, or null for a cursor this code did not make. */
export function decodeListCursor(cursor: string): ListPosition | null {
  const m = CURSOR.exec(cursor);
  if (!m || !isCalendarDate(m[2]!)) return null;
  const sortKey = parseInt(m[3]!, 36);
  if (!Number.isSafeInteger(sortKey)) return null;
  return { priority: m[1] === '1' ? 1 : 0, deadlineOn: m[2]!, sortKey };
}
