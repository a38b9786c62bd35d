import { parseSuggestModel, suggest } from './index';
import { TINY, tinyModelBytes } from './tinyModel';

const model = parseSuggestModel(tinyModelBytes());

describe('suggest', () => {
  it('names the question type the words are about, with its group and a probability', () => {
    const result = suggest(model, { text: 'Немає світла в під’їзді' });
    expect(result.categories[0]).toMatchObject({ id: TINY.light, groupId: 'g-lighting' });
    expect(result.categories[0]?.confidence).toBeGreaterThan(0.9);
    const total = result.categories.reduce((sum, c) => sum + c.confidence, 0);
    expect(total).toBeCloseTo(1, 5);
  });

  it('suggests the executor that serves the place: the cell from coordinates, or the district', () => {
    const north = suggest(model, { text: 'світло', lat: 50.5, lon: 30.5 });
    expect(north.executors[0]?.id).toBe(TINY.housingNorth);
    const obolon = suggest(model, { text: 'світло', district: 'Оболонський р-н' });
    expect(obolon.executors[0]?.id).toBe(TINY.housingSouth);
    const nowhere = suggest(model, { text: 'світло' });
    expect(nowhere.executors[0]?.id).toBe(TINY.svitlo);
  });

  it('suggests executors for the type the operator picked, whatever the words say', () => {
    const result = suggest(model, { text: 'вода', categoryId: TINY.light, lat: 50.5, lon: 30.5 });
    expect(result.categories[0]?.id).toBe(TINY.water);
    expect(result.executors[0]?.id).toBe(TINY.housingNorth);
    expect(suggest(model, { text: '', categoryId: TINY.water }).executors[0]?.id).toBe(TINY.vodokanal);
  });

  it('respects the limits', () => {
    const result = suggest(model, { text: 'вода світло' }, { categories: 1, executors: 2 });
    expect(result.categories).toHaveLength(1);
    expect(result.executors).toHaveLength(2);
    expect(suggest(model, { text: 'вода' }, { categories: 0, executors: 0 })).toEqual({
      categories: [],
      executors: [],
    });
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji', '😡😡😡 🚰💡'],
    ['punctuation', '!!!???...'],
    ['a word the model never saw', 'абракадабра'],
  ])('returns nothing, without an error, for %s', (_, text) => {
    expect(suggest(model, { text })).toEqual({ categories: [], executors: [] });
  });

  it.each([
    ['one word', 'вода'],
    ['all caps', 'НЕМАЄ ВОДИ'],
    ['mixed scripts and languages', 'нет воды, немає світла, svitlo'],
    ['Latin look-alikes', 'вoдa'],
    ['100 KB', 'вода '.repeat(20_000)],
    ['lone surrogates and control characters', '\ud800вода\u0000\u202e'],
  ])('gives sensible suggestions for %s', (_, text) => {
    const result = suggest(model, { text });
    expect(result.categories.length).toBeGreaterThan(0);
    for (const c of result.categories) expect(c.confidence).toBeGreaterThanOrEqual(0);
  });

  it('ignores places it cannot read instead of failing', () => {
    for (const place of [
      { lat: Number.NaN, lon: 30.5 },
      { lat: 91, lon: 200 },
      { lat: Infinity, lon: -Infinity },
      { district: '' },
      { district: '💥'.repeat(10_000) },
    ])
      expect(suggest(model, { text: 'світло', ...place }).executors[0]?.id).toBe(TINY.svitlo);
  });

  it('never throws when given values outside its type (from an untyped caller)', () => {
    const hostile = { text: 42, lat: 'x', district: {}, categoryId: null } as unknown as { text: string };
    expect(suggest(model, hostile)).toEqual({ categories: [], executors: [] });
  });
});
