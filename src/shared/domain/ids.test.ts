import fc from 'fast-check';
import { UUID_V7, uuidv7 } from './ids';

describe('uuidv7', () => {
  it('has the RFC 9562 version 7 layout', () => {
    for (let i = 0; i < 100; i++) expect(uuidv7()).toMatch(UUID_V7);
  });

  it('carries the creation time in its first 48 bits', () => {
    const at = Date.UTC(2026, 10, 22, 12, 0, 0, 123);
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts as text in creation order when made in different milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, gap) => {
        expect(uuidv7(t) < uuidv7(t + gap)).toBe(true);
      }),
    );
  });

  it('does not repeat within one millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(at)));
    expect(ids.size).toBe(1000);
  });

  it('is not confused with a version 4 id', () => {
    expect(UUID_V7.test('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(false);
  });
});
