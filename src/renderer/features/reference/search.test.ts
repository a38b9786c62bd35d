import type { Classifier, Locale } from '../../../shared/domain';
import shipped from '../../../../resources/reference/classifier.json';
import type { RootState } from '../../app/store';
import { selectCategoryOptions, suggestCategories } from './referenceSlice';
import { filterByWords, foldText, rankByWords } from './search';

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

describe('ranking suggestions by relevance', () => {
  const option = (id: string, name: string, group: string) => ({
    id,
    group,
    title: foldText(name),
    search: foldText(`${name} ${group}`),
  });
  // In the given (most frequent first) order.
  const ranked = [
    option('recycling', 'Демонтаж пунктів прийому вторинної сировини', 'Кіоски'),
    option('inside', 'Неприйомний день', 'Інше'),
    option('group-only', 'Графік роботи', 'Прийом громадян'),
    option('personal', 'Особистий прийом громадян', 'Звернення'),
    option('schools', 'Порушення при прийомі учнів', 'Школи'),
  ];

  it('puts a whole word of the name before the start of a word, a word inside, and the group', () => {
    expect(rankByWords(ranked, 'прийом', 10).map((o) => o.id)).toEqual([
      'personal',
      'recycling',
      'schools',
      'inside',
      'group-only',
    ]);
  });

  it('keeps the given order between equal matches and keeps a group’s options together', () => {
    const sameGroup = [
      option('a', 'Ремонт ліфта', 'Ліфти'),
      option('b', 'Не працює ліфт', 'Ліфти'),
      option('c', 'Ліфт застряг', 'Аварії'),
      option('d', 'Шум ліфта', 'Ліфти'),
    ];
    expect(rankByWords(sameGroup, 'ліфт', 10, (o) => o.group).map((o) => o.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('keeps the given order for an empty query, up to the limit', () => {
    expect(rankByWords(ranked, ' ', 2).map((o) => o.id)).toEqual(['recycling', 'inside']);
  });
});

describe('category suggestions from the shipped classifier', () => {
  const state = { reference: { classifier: shipped as Classifier } } as unknown as RootState;
  const options = (locale: Locale) => selectCategoryOptions(state, locale);

  it('lists personal reception of citizens before a recycling point for “прийом”', () => {
    const names = suggestCategories(options('uk'), 'прийом', 200).map((o) => o.name);
    expect(names.indexOf('Особистий прийом громадян')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('Особистий прийом громадян')).toBeLessThan(
      names.indexOf('Демонтаж окремо розташованих пунктів прийому вторинної сировини'),
    );
  });

  it('shows names as people write them, without the source’s leading marks', () => {
    expect(options('uk').filter((o) => !/^[\p{L}\p{N}”"«(]/u.test(o.name))).toEqual([]);
  });
});
