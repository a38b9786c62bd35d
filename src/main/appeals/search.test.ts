import { foldForIndex, ftsQuery, stem } from './search';

describe('stem', () => {
  it.each([
    ['опалення', 'опаленн'],
    ['опаленням', 'опаленн'],
    ['опаленню', 'опаленн'],
    ['отопление', 'отоплен'],
    ['отоплением', 'отоплени'],
    ['гарячої', 'гаряч'],
    ['гарячого', 'гаряч'],
    ['ліфт', 'ліфт'],
    ['ліфта', 'ліфт'],
    ['води', 'вод'],
  ])('reduces %s to %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('never leaves fewer than three letters', () => {
    expect(stem('ями')).toBe('ями');
    expect(stem('його')).toBe('йог');
  });
});

describe('ftsQuery', () => {
  it('turns each word into a stemmed prefix term, all required', () => {
    expect(ftsQuery('Опалення в під’їзді')).toBe('"опаленн"* "підїзд"*');
  });

  it('matches numbers exactly so that 22 does not find 220', () => {
    expect(ftsQuery('Хрещатик 22')).toBe('"хрещатик"* "22"');
  });

  it('drops one- and two-letter words unless nothing else is left', () => {
    expect(ftsQuery('не працює ліфт')).toBe('"працю"* "ліфт"*');
    expect(ftsQuery('на')).toBe('"на"');
  });

  it('cannot be used to inject FTS syntax', () => {
    expect(ftsQuery('ліфт" OR NEAR(a b) *')).toBe('"ліфт"* "near"*');
    expect(ftsQuery('"" ** ()')).toBeNull();
  });

  it('returns null for text without words', () => {
    expect(ftsQuery('  —  ')).toBeNull();
  });
});

it('joins words split by any apostrophe for the index', () => {
  expect(foldForIndex("під'їзд підʼїзд під’їзд")).toBe('підїзд підїзд підїзд');
});
