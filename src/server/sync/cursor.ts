// The pull cursor `<txid>.<id>`: the last change_log row a client holds, in (txid, id) order.

export interface CursorPosition {
  /** xid8 as a decimal string: it can exceed Number.MAX_SAFE_INTEGER. */
  txid: string;
  id: string;
}

export const START: CursorPosition = { txid: '0', id: '0' };

const PATTERN = /^(\d{1,20})\.(\d{1,20})$/;

export function encodeCursor(p: CursorPosition): string {
  return `${p.txid}.${p.id}`;
}

/** null when the text is not a cursor this server issued. */
export function decodeCursor(text: string | null): CursorPosition | null {
  if (text === null || text === '') return START;
  const m = PATTERN.exec(text);
  if (!m) return null;
  // Both parts fit in a signed 64-bit integer (xid8 and bigserial): reject what PostgreSQL would refuse.
  if (BigInt(m[1]!) > 2n ** 63n - 1n || BigInt(m[2]!) > 2n ** 63n - 1n) return null;
  return { txid: BigInt(m[1]!).toString(), id: BigInt(m[2]!).toString() };
}
