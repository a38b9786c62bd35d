// The evaluation on a sample of the real data, fast enough for every CI run: a model trained on the
// last 3,000 appeals before the split must clearly beat naive Bayes trained on the same appeals.
import { existsSync } from 'node:fs';
import { parseSuggestModel } from '../../src/shared/suggest';
import { readAppeals, readReference, type LabelledAppeal } from './appeals';
import { scoreModel, scoreNaiveBayes, type Figures } from './evaluation';
import { SPLIT } from './split';
import { defaultDataFile, referenceFiles } from './paths';
import { defaultTrainOptions, trainSuggestModel } from './train';

// The data lives beside the project (../shared/data); a checkout without it skips, saying so.
const dataPresent = existsSync(defaultDataFile);
if (!dataPresent) console.warn(`${defaultDataFile} is absent: the suggestion evaluation sample is skipped`);

describe.skipIf(!dataPresent)('the suggestion model on a sample of the Kyiv 1551 data', () => {
  let model: Figures;
  let naive: Figures;
  let withHistory: Figures;

  beforeAll(async () => {
    const reference = readReference(referenceFiles.classifier, referenceFiles.executors);
    // Only May..August 2015 is parsed: the test stays fast on a busy CI machine.
    const { appeals } = await readAppeals(defaultDataFile, reference, (at) => at >= '2015-05-01');
    const before = appeals.filter((a) => a.createdAt < SPLIT.trainBefore);
    const train = before.slice(-3000);
    const test: LabelledAppeal[] = appeals
      .filter((a) => a.createdAt >= SPLIT.evaluateFrom && a.createdAt < SPLIT.evaluateBefore)
      .filter((_, i) => i % 60 === 0);
    const { bytes } = trainSuggestModel(train, reference, {
      ...defaultTrainOptions,
      features: { ...defaultTrainOptions.features, hashBits: 16 },
      data: 'sample',
    });
    const parsed = parseSuggestModel(bytes);
    model = scoreModel(parsed, test, 'coordinates');
    naive = scoreNaiveBayes(train, test);
    // The store a workstation would hold: every parsed appeal not scored, in time order.
    const scored = new Set(test);
    withHistory = scoreModel(
      parsed,
      test,
      'coordinates',
      appeals.filter((a) => !scored.has(a)),
    );
  }, 120_000);

  it('scores a few hundred later appeals', () => {
    expect(model.appeals).toBeGreaterThan(300);
  });

  it('names the question type clearly better than naive Bayes', () => {
    expect(model.categoryTop1).toBeGreaterThan(naive.categoryTop1 + 0.05);
    expect(model.categoryTop3).toBeGreaterThan(naive.categoryTop3 + 0.08);
  });

  it('names the question type better still with the store as history', () => {
    console.info(
      `category top-3 ${model.categoryTop3.toFixed(3)} alone, ${withHistory.categoryTop3.toFixed(3)} with history`,
    );
    expect(withHistory.categoryTop3).toBeGreaterThan(model.categoryTop3 + 0.02);
    expect(withHistory.categoryTop1).toBeGreaterThan(model.categoryTop1);
  });

  it('names the executor clearly better than naive Bayes', () => {
    expect(model.executorTop3).toBeGreaterThan(naive.executorTop3 + 0.1);
  });
});
