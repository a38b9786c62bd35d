// The votes of similar earlier appeals, over the hand-made model and a history in memory.
import { parseSuggestModel, suggest, type AppealHistory, type PastAppeal } from './index';
import { closestAppeals, indexedWordsOf, neighbourVotes, NEIGHBOURS, rareWordsOf } from './neighbours';
import { TINY, tinyModelBytes } from './tinyModel';

const RARE = ['ліфт', 'застряг', 'кабіна', 'поверх'];
const model = parseSuggestModel(tinyModelBytes(RARE));

/** Appeals in time order (key = position), searched by word newest first; counts its lookups. */
function historyOf(appeals: Omit<PastAppeal, 'key'>[]): AppealHistory & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    newestWith(word, limit) {
      lookups.push(word);
      const keys: number[] = [];
      for (let key = appeals.length - 1; key >= 0 && keys.length < limit; key--)
        if (indexedWordsOf((appeals[key] as PastAppeal).text).includes(word)) keys.push(key);
      return keys;
    },
    read: (keys) => keys.map((key) => ({ key, ...(appeals[key] as Omit<PastAppeal, 'key'>) })),
  };
}

const lightOf = (answer: ReturnType<typeof suggest>): number =>
  answer.categories.find((c) => c.id === TINY.light)?.confidence ?? 0;

describe('votes of similar earlier appeals', () => {
  it('looks up only the rare words, as the index stores them', () => {
    expect(rareWordsOf(model, 'Вода, вода і ВОДА')).toEqual([]);
    expect(rareWordsOf(model, 'ЛІФТ застряг: вода')).toEqual(['застряг', 'ліфт']);
    expect(indexedWordsOf("Під’їзд №3, ПІД'ЇЗД, під`їзд")).toEqual(['підїзд', '3']);
  });

  it('finds the same complaint filed before and lets its type count', () => {
    const history = historyOf([
      { text: 'Застряг ліфт між поверхами', categoryId: TINY.light },
      { text: 'Немає води', categoryId: TINY.water },
    ]);
    const text = 'Вода і ліфт застряг';
    const closest = closestAppeals(model, text, history);
    expect(closest.map((n) => n.appeal.key)).toEqual([0]);
    expect(closest[0]?.similarity).toBeGreaterThan(0.5);
    expect(neighbourVotes(model, closest)).toEqual(new Map([[1, 1]]));

    const alone = suggest(model, { text });
    const withHistory = suggest(model, { text, history });
    expect(alone.categories[0]?.id).toBe(TINY.water);
    expect(lightOf(withHistory)).toBeCloseTo((1 - NEIGHBOURS.share) * lightOf(alone) + NEIGHBOURS.share, 6);
  });

  it('bounds the work: a few words, a few appeals per word, newest first', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      text: `ліфт застряг кабіна поверх ${i}`,
      categoryId: i % 2 ? TINY.light : TINY.water,
    }));
    const history = historyOf(many);
    const read: number[][] = [];
    const counting: AppealHistory = {
      newestWith: (w, limit) => history.newestWith(w, limit),
      read: (keys) => (read.push([...keys]), history.read(keys)),
    };
    const closest = closestAppeals(model, 'ліфт застряг кабіна поверх', counting);
    expect(history.lookups).toHaveLength(4);
    expect(read).toHaveLength(1);
    expect(read[0]?.length).toBeLessThanOrEqual(NEIGHBOURS.compared);
    expect(Math.min(...(read[0] ?? []))).toBeGreaterThanOrEqual(500 - NEIGHBOURS.perWord);
    expect(closest.length).toBeLessThanOrEqual(NEIGHBOURS.voters);
  });

  it('gives no vote to a type the model does not know or has retired', () => {
    const history = historyOf([{ text: 'Застряг ліфт', categoryId: 't-not-in-the-model' }]);
    expect(neighbourVotes(model, closestAppeals(model, 'застряг ліфт', history))).toBeUndefined();
    expect(suggest(model, { text: 'вода ліфт', history })).toEqual(suggest(model, { text: 'вода ліфт' }));
  });

  it('answers from the model alone when the history cannot be read', () => {
    const broken: AppealHistory = {
      newestWith: () => {
        throw new Error('the database connection is not open');
      },
      read: () => [],
    };
    expect(suggest(model, { text: 'вода ліфт', history: broken })).toEqual(
      suggest(model, { text: 'вода ліфт' }),
    );
  });

  it.each([
    ['empty', ''],
    ['emoji', '🔥💧🔥'],
    ['100 KB', 'ліфт застряг '.repeat(8000)],
    ['quotes and operators', 'ліфт" OR застряг* NEAR( "кабіна'],
  ])('never throws on a %s essence', (_what, text) => {
    const history = historyOf([{ text: 'Застряг ліфт', categoryId: TINY.light }]);
    expect(() => suggest(model, { text, history })).not.toThrow();
  });
});
