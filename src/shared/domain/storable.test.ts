import { isCalendarDate, isInstant, isStorableText, storableLine, storableText } from './storable';

describe('what every store can keep', () => {
  it('tells NUL and lone surrogates from real text', () => {
    expect(isStorableText('Київ 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800')).toBe(false);
    expect(isStorableText('\udc00a')).toBe(false);
    expect(storableText('line\nnext\ttab')).toBe(true);
    expect(storableText('bell\u0007')).toBe(false);
    expect(storableLine('line\nnext')).toBe(false);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-45', false],
    ['0000-01-01', false],
    ['9999-12-31', false],
    ['2026-1-1', false],
  ])('calendar date %s: %s', (date, ok) => expect(isCalendarDate(date)).toBe(ok));

  it.each([
    ['2026-03-02T09:15:00.000Z', true],
    ['2026-03-02T09:15:00+02:00', true],
    ['2026-03-02T09:15Z', true],
    ['2026-03-02 09:15:00', false],
    ['0000-01-01T00:00:00Z', false],
    ['2026-02-30T00:00:00Z', false],
    ['Коваленко +380671234567', false],
  ])('instant %s: %s', (instant, ok) => expect(isInstant(instant)).toBe(ok));
});
