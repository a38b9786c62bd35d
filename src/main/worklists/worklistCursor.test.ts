import { decodeListCursor, encodeListCursor } from './worklistCursor';

describe('A work list cursor', () => {
  it('gives back the place it was made from', () => {
    const at = { priority: 1 as const, deadlineOn: '2026-04-01', sortKey: 1_800_000_000_000 * 1024 + 7 };
    expect(decodeListCursor(encodeListCursor(at))).toEqual(at);
  });

  it('refuses what it did not make: another cursor kind, a date that is not one, an unsafe key', () => {
    expect(decodeListCursor('k1a2b')).toBeNull();
    expect(decodeListCursor('w1.2026-02-30.k1')).toBeNull();
    expect(decodeListCursor('w2.2026-02-01.1')).toBeNull();
    expect(decodeListCursor('w0.2026-02-01.zzzzzzzzzzz')).toBeNull();
    expect(decodeListCursor("w0.2026-02-01.1' OR 1")).toBeNull();
  });
});
