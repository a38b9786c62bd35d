import { filterByWords, foldText } from './search';

const options = [
  { id: 'a', search: foldText('Відсутність гарячого водопостачання Житлово-комунальне господарство') },
  { id: 'b', search: foldText('Освітлення в приміщенні й при вході в нього') },
  { id: 'c', search: foldText('Ремонт під’їзду') },
];

describe('word search for pickers', () => {
  it('matches every typed word in any order, ignoring case', () => {
    expect(filterByWords(options, 'ВОДО гаряч', 10).map((o) => o.id)).toEqual(['a']);
  });

  it('ignores the apostrophe the operator did or did not type', () => {
    expect(filterByWords(options, 'підїзд', 10).map((o) => o.id)).toEqual(['c']);
    expect(filterByWords(options, "під'їзд", 10).map((o) => o.id)).toEqual(['c']);
  });

  it('returns everything in the given order for an empty query, up to the limit', () => {
    expect(filterByWords(options, '  ', 2).map((o) => o.id)).toEqual(['a', 'b']);
  });

  it('returns nothing when one of the words is absent', () => {
    expect(filterByWords(options, 'освітлення вода', 10)).toEqual([]);
  });
});
