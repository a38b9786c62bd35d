// The pull cursor `<txid>.<id>.<stamp>`: the last change_log row a client holds, in (txid, id)
// order, and that row's creation time in microseconds. The stamp tells that row from one a
// restored database wrote later under the same txid and id (a file-level restore rewinds both
// counters), so a vanished row is always noticed (protocol.ts, "Restore").

export interface CursorPosition {
  /** xid8 as a decimal string: it can exceed Number.MAX_SAFE_INTEGER. */
  txid: string;
  id: string;
  /** Microseconds since the Unix epoch of the row's created_at; null for the start and older cursors. */
  stamp: string | null;
}

export const START: CursorPosition = { txid: '0', id: '0', stamp: null };

const PATTERN = /^(\d{1,20})\.(\d{1,20})(?:\.(\d{1,20}))?$/;
const INT64_MAX = 2n ** 63n - 1n;

export function encodeCursor(p: CursorPosition): string {
  return p.stamp === null ? `${p.txid}.${p.id}` : `${p.txid}.${p.id}.${p.stamp}`;
}

export function isStart(p: CursorPosition): boolean {
  return p.txid === '0' && p.id === '0';
}

/** null when the text is not a cursor this server issued. */
export function decodeCursor(text: string | null): CursorPosition | null {
  if (text === null || text === '') return START;
  const m = PATTERN.exec(text);
  if (!m) return null;
  // Every part fits in a signed 64-bit integer (xid8, bigserial, µs): reject what PostgreSQL would refuse.
  const parts = [m[1]!, m[2]!, m[3]].map((p) => (p === undefined ? null : BigInt(p)));
  if (parts.some((p) => p !== null && p > INT64_MAX)) return null;
  return { txid: parts[0]!.toString(), id: parts[1]!.toString(), stamp: parts[2]?.toString() ?? null };
}
