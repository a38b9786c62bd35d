import fc from 'fast-check';
import { formatPhone, normalizeAnyPhone, normalizePhone } from './phone';
import { Phone } from './appeal';

describe('normalizePhone for Ukraine (the default)', () => {
  it.each([
    ['044 123 45 67', '+380441234567'],
    ['(044) 123-45-67', '+380441234567'],
    ['0671234567', '+380671234567'],
    ['380671234567', '+380671234567'],
    ['+38 067 123 45 67', '+380671234567'],
    ['+380 (67) 123.45.67', '+380671234567'],
    ['8 044 123 45 67', '+380441234567'],
    ['00380441234567', '+380441234567'],
    ['  +380441234567  ', '+380441234567'],
  ])('turns %j into %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    [''],
    ['   '],
    ['044 123 45 6'],
    ['044 123 45 678'],
    ['1234567890'],
    ['+38044123456'],
    ['+3804412345678'],
    ['тел. 0441234567'],
    ['044-123-45-67 доб. 2'],
    ['0441234567#'],
    ['+'],
  ])('rejects %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('keeps a foreign number written with a plus', () => {
    expect(normalizePhone('+48 22 123 45 67')).toBe('+48221234567');
    expect(normalizePhone('+7 701 234 56 78')).toBe('+77012345678');
  });
});

describe('normalizePhone for Kazakhstan', () => {
  it.each([
    ['8 701 234 56 78', '+77012345678'],
    ['8 (727) 250-00-00', '+77272500000'],
    ['7 701 234 56 78', '+77012345678'],
    ['7012345678', '+77012345678'],
    ['+7 (701) 234-56-78', '+77012345678'],
    ['+380441234567', '+380441234567'],
  ])('turns %j into %s', (raw, e164) => {
    expect(normalizePhone(raw, 'KZ')).toBe(e164);
  });

  it.each([['0441234567'], ['8 701 234 56 7'], ['+7 701 234 56 789'], ['5012345678']])(
    'rejects %j',
    (raw) => {
      expect(normalizePhone(raw, 'KZ')).toBeNull();
    },
  );
});

describe('a normalised phone number', () => {
  const uaMobile = fc
    .tuple(
      fc.constantFrom('50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99', '44'),
      fc.stringMatching(/^\d{7}$/),
    )
    .map(([code, rest]) => `0${code}${rest}`);
  const separators = fc.constantFrom('', ' ', '-', '.');

  it('is a fixed point: normalising it again changes nothing, in either country', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('UA' as const, 'KZ' as const),
        (raw, country) => {
          const once = normalizePhone(raw, country);
          if (once === null) return;
          expect(normalizePhone(once, 'UA')).toBe(once);
          expect(normalizePhone(once, 'KZ')).toBe(once);
        },
      ),
    );
  });

  it('does not depend on how the operator spaced the digits', () => {
    fc.assert(
      fc.property(uaMobile, separators, (national, sep) => {
        const spaced = [
          national.slice(0, 3),
          national.slice(3, 6),
          national.slice(6, 8),
          national.slice(8),
        ].join(sep);
        expect(normalizePhone(spaced)).toBe(`+38${national}`);
      }),
    );
  });

  it('is always E.164: a plus and 8 to 15 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\d +()-]{0,20}$/), (raw) => {
        const e164 = normalizePhone(raw);
        if (e164 !== null) expect(e164).toMatch(/^\+[1-9]\d{7,14}$/);
      }),
    );
  });
});

describe('formatPhone', () => {
  it('groups Ukrainian and Kazakh numbers for reading aloud', () => {
    expect(formatPhone('+380441234567')).toBe('+380 44 123 45 67');
    expect(formatPhone('+77012345678')).toBe('+7 701 234 56 78');
  });

  it('returns other numbers unchanged', () => {
    expect(formatPhone('+48221234567')).toBe('+48221234567');
  });
});

describe('numbers of either country', () => {
  it('normalises Ukrainian and Kazakh national formats without a country hint', () => {
    expect(normalizeAnyPhone('067 555 12 34')).toBe('+380675551234');
    expect(normalizeAnyPhone('8 701 123 45 67')).toBe('+77011234567');
    expect(normalizeAnyPhone('80675551234')).toBe('+380675551234');
  });

  it('accepts a Kazakh number in an appeal draft', () => {
    expect(Phone.parse('8 (701) 123-45-67')).toBe('+77011234567');
  });
});
