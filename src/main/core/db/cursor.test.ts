import { decodeCursor, encodeCursor } from './cursor';

it('round-trips a sort key through an opaque cursor', () => {
  const key = 1_763_836_800_000 * 1024 + 17;
  expect(decodeCursor(encodeCursor(key))).toBe(key);
});

it.each(['', 'k', '42', 'k-1', 'kzzzzzzzzzzzz', "k1' OR 1=1"])(
  'rejects a cursor it did not make: %s',
  (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  },
);
