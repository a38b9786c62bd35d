import { parseSuggestModel, suggest } from '../../src/shared/suggest';
import type { LabelledAppeal, Reference } from './appeals';
import { seededRandom } from './softmaxRegression';
import { defaultTrainOptions, trainSuggestModel, type TrainOptions } from './train';

const topics = [
  { categoryId: 't-water', groupId: 'g-water', words: ['немає', 'холодної', 'води', 'вода', 'кран'] },
  { categoryId: 't-light', groupId: 'g-light', words: ['не', 'горить', 'світло', 'підїзді', 'лампа'] },
  { categoryId: 't-heat', groupId: 'g-heat', words: ['холодні', 'батареї', 'опалення', 'квартирі'] },
];
const executors = ['e-north', 'e-south', 'e-water'];
const reference: Reference = {
  groupOfType: new Map([
    ...topics.map((t): [string, string] => [t.categoryId, t.groupId]),
    ['t-light-2015', 'g-light'],
    ['t-rare', 'g-heat'],
  ]),
  executorNames: new Map([
    ['e-north', 'ЖЕК Оболонського району'],
    ['e-south', 'ЖЕК Голосіївського району'],
    ['e-water', 'Водоканал'],
    ['e-north-2015', 'ЖЕД Оболонського району'],
  ]),
};

/** Appeals from three topics, in the north or the south of a small grid, from a fixed seed. */
function fixture(n: number, seed: number): LabelledAppeal[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const topic = pick(topics);
    const north = random() < 0.5;
    const text = Array.from({ length: 6 }, () => pick(topic.words)).join(' ');
    const executorId = topic.categoryId === 't-water' ? 'e-water' : north ? 'e-north' : 'e-south';
    return {
      createdAt: `2015-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`,
      text,
      lat: north ? 50.55 : 50.35,
      lon: 30.5,
      categoryId: topic.categoryId,
      groupId: topic.groupId,
      executorId: random() < 0.05 ? pick(executors) : executorId,
    };
  });
}

const options: TrainOptions = {
  ...defaultTrainOptions,
  features: { hashBits: 12, maxChars: 2000, charGrams: 4 },
  data: 'fixture',
};

describe('training the suggestion model', () => {
  it('gives the same bytes every time from the same appeals', () => {
    const appeals = fixture(300, 7);
    const first = trainSuggestModel(appeals, reference, options).bytes;
    const second = trainSuggestModel(appeals.slice(), reference, options).bytes;
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });

  it('learns the topics from the words and the executors from the place', () => {
    const model = parseSuggestModel(trainSuggestModel(fixture(300, 11), reference, options).bytes);
    expect(suggest(model, { text: 'батареї холодні' }).categories[0]?.id).toBe('t-heat');
    expect(suggest(model, { text: 'немає води' }).categories[0]?.id).toBe('t-water');
    expect(suggest(model, { text: 'не горить лампа', lat: 50.55, lon: 30.5 }).executors[0]?.id).toBe(
      'e-north',
    );
    expect(suggest(model, { text: 'не горить лампа', lat: 50.35, lon: 30.5 }).executors[0]?.id).toBe(
      'e-south',
    );
    expect(suggest(model, { text: 'не горить лампа', district: 'Оболонь' }).executors[0]?.id).toBe('e-north');
  });

  it('leaves out appeals whose question type is not in the classifier', () => {
    const appeals = fixture(100, 3).map((a, i) => (i % 2 ? a : { ...a, categoryId: null, groupId: null }));
    const { report } = trainSuggestModel(appeals, reference, options);
    expect(report.appeals).toBe(50);
  });

  it('never suggests a type the data shows was replaced, and learns its successor from the words', () => {
    // Lighting appeals went to t-light through 2014; from 2015 the classifier's new type took them.
    const old = fixture(300, 5).map((a, i) => ({ ...a, createdAt: `2014-0${1 + (i % 6)}-10 10:00:00` }));
    const renamed = fixture(200, 6).map((a, i) => ({
      ...a,
      createdAt: `2015-0${1 + (i % 6)}-10 10:00:00`,
      ...(a.categoryId === 't-light' ? { categoryId: 't-light-2015' } : {}),
    }));
    const trained = trainSuggestModel([...old, ...renamed], reference, options);
    expect(trained.report.retired).toBe(1);
    const model = parseSuggestModel(trained.bytes);
    const ids = suggest(model, { text: 'не горить світло в підїзді' }, { categories: 5 }).categories.map(
      (c) => c.id,
    );
    expect(ids[0]).toBe('t-light-2015');
    expect(ids).not.toContain('t-light');
  });

  it('keeps a rare type that was merely quiet lately', () => {
    const appeals = fixture(300, 8).map((a, i) => ({ ...a, createdAt: `2015-0${1 + (i % 6)}-10 10:00:00` }));
    // Five heating appeals in 2014 only: too few to say the type was replaced.
    const rare = appeals
      .slice(0, 5)
      .map((a) => ({ ...a, createdAt: '2014-01-10 10:00:00', categoryId: 't-rare' }));
    expect(trainSuggestModel([...rare, ...appeals], reference, options).report.retired).toBe(0);
  });

  it('suggests the executor serving a place now over the one it replaced', () => {
    // The north's housing service was reorganised: e-north served it through 2014, e-north-2015 since.
    const before = fixture(400, 9).map((a, i) => ({ ...a, createdAt: `2014-0${1 + (i % 9)}-10 10:00:00` }));
    const after = fixture(80, 10).map((a, i) => ({
      ...a,
      createdAt: `2015-0${1 + (i % 3)}-10 10:00:00`,
      ...(a.executorId === 'e-north' ? { executorId: 'e-north-2015' } : {}),
    }));
    const model = parseSuggestModel(trainSuggestModel([...before, ...after], reference, options).bytes);
    const found = suggest(model, { text: 'не горить лампа', lat: 50.55, lon: 30.5 }).executors;
    expect(found[0]?.id).toBe('e-north-2015');
    const unweighted = { ...options, executorRecency: null };
    const old = parseSuggestModel(trainSuggestModel([...before, ...after], reference, unweighted).bytes);
    expect(suggest(old, { text: 'не горить лампа', lat: 50.55, lon: 30.5 }).executors[0]?.id).toBe('e-north');
  });
});
