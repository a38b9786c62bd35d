import { countFeatures } from './features';
import { normaliseText, stemOf, tokenise } from './normalise';

describe('normalising appeal text', () => {
  it('lower-cases and spells ё as е', () => {
    expect(normaliseText('ЁЛКА Ёж')).toBe('елка еж');
  });

  it('treats every apostrophe variant as none, so one word is one token', () => {
    const spellings = ["м'ясо", 'м’ясо', 'мʼясо', 'м`ясо', 'м‘ясо', 'мясо'];
    expect(new Set(spellings.map((s) => tokenise(s).join(' ')))).toEqual(new Set(['мясо']));
  });

  it('turns Latin look-alike letters inside a Cyrillic word into Cyrillic ones', () => {
    // "вода" and "опалення" typed with Latin a, o, e, p.
    expect(tokenise('вoдa oпaлeння')).toEqual(['вода', 'опалення']);
  });

  it('leaves all-Latin words alone', () => {
    expect(tokenise('Wi-Fi OK')).toEqual(['wi', 'fi', 'ok']);
  });

  it('keeps short numbers (house, flat) and drops long ones (phones, ids)', () => {
    expect(tokenise('буд. 16, кв 40, тел 0441234567')).toEqual(['буд', '16', 'кв', '40', 'тел']);
  });

  it('reads no further than maxChars', () => {
    expect(tokenise('вода світло', 4)).toEqual(['вода']);
  });

  it('stems a long word to its first five letters', () => {
    expect(stemOf('опалення')).toBe('опале');
    expect(stemOf('вода')).toBe('вода');
  });

  it('gives the same features to all-caps and lower-case text', () => {
    const settings = { hashBits: 16, maxChars: 1000, charGrams: 4 };
    expect([...countFeatures('НЕМАЄ ГАРЯЧОЇ ВОДИ', settings)]).toEqual([
      ...countFeatures('немає гарячої води', settings),
    ]);
  });
});
