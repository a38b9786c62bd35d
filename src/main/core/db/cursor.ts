// Keyset paging: the cursor is the sort key of the last row shown, opaque to the renderer. A page
// never shifts when new appeals arrive, and the next page costs the same as the first.
const CURSOR = /^k([0-9a-z]{1,11})$/;

export const encodeCursor = (sortKey: number): string => `k${sortKey.toString(36)}`;

/** The sort key, or null for a cursor this code did not make. */
export function decodeCursor(cursor: string): number | null {
  const m = CURSOR.exec(cursor);
  if (!m) return null;
  const value = parseInt(m[1]!, 36);
  return Number.isSafeInteger(value) ? value : null;
}
