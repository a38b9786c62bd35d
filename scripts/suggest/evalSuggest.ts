// The honest evaluation of the suggestion model, printed beside the targets of issue 14.
//   npx tsx scripts/suggest/evalSuggest.ts                 time split of the dev data: a model trained
//                                                          before 2015-06-01, scored on 2015-06-01..08-31
//   npx tsx scripts/suggest/evalSuggest.ts --data PATH     the shipped model scored on every appeal in PATH
// Options: --every N scores every Nth evaluation appeal only (a quicker look).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSuggestModel, type SuggestModel } from '../../src/shared/suggest';
import { byCreatedAt, readAppeals, readReference, type LabelledAppeal } from './appeals';
import { keystrokeLatencies, quantileOf, scoreModel, scoreNaiveBayes, type Figures } from './evaluation';
import { MemoryHistory } from './history';
import { SPLIT } from './split';
import { dataLabel, defaultDataFile, referenceFiles, shippedModelFile } from './paths';
import { defaultTrainOptions, trainSuggestModel } from './train';

interface Options {
  data?: string;
  every: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { every: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--data' && value) options.data = resolve(value);
    else if (arg === '--every' && value && Number.isInteger(Number(value)) && Number(value) >= 1)
      options.every = Number(value);
    else throw new Error(`Unknown argument: ${arg}. Usage: evalSuggest.ts [--data PATH] [--every N]`);
    i++;
  }
  return options;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

function row(name: string, model: string, naive: string, target: string, ok?: boolean): string {
  const mark = ok === undefined ? '' : verdict(ok);
  return `${name.padEnd(40)} ${model.padStart(10)} ${naive.padStart(10)}   ${target.padEnd(10)} ${mark}`;
}

interface Setting {
  model: SuggestModel;
  modelBytes: number;
  train: LabelledAppeal[];
  test: LabelledAppeal[];
  /** The store's history before the scored appeals: the training appeals and those not scored. */
  past: LabelledAppeal[];
  trainSeconds?: number;
  description: string;
}

const byTime = (appeals: LabelledAppeal[]): LabelledAppeal[] => appeals.sort(byCreatedAt);

async function setting(options: Options): Promise<Setting> {
  const reference = readReference(referenceFiles.classifier, referenceFiles.executors);
  if (!existsSync(defaultDataFile) && options.data === undefined)
    throw new Error(`Data set not found at ${defaultDataFile}: pass --data PATH`);
  const dev = existsSync(defaultDataFile) ? (await readAppeals(defaultDataFile, reference)).appeals : [];
  if (options.data !== undefined) {
    const test = (await readAppeals(options.data, reference)).appeals;
    const bytes = readFileSync(shippedModelFile);
    return {
      model: parseSuggestModel(bytes),
      modelBytes: bytes.length,
      train: dev,
      test: test.filter((_, i) => i % options.every === 0),
      past: byTime([...dev, ...test.filter((_, i) => i % options.every !== 0)]),
      description: `shipped model (${shippedModelFile}) on every appeal of ${options.data}; naive Bayes trained on the dev data`,
    };
  }
  const train = dev.filter((a) => a.createdAt < SPLIT.trainBefore);
  const test = dev.filter((a) => a.createdAt >= SPLIT.evaluateFrom && a.createdAt < SPLIT.evaluateBefore);
  const started = performance.now();
  const { bytes } = trainSuggestModel(train, reference, {
    ...defaultTrainOptions,
    data: dataLabel(defaultDataFile),
  });
  return {
    model: parseSuggestModel(bytes),
    modelBytes: bytes.length,
    train,
    test: test.filter((_, i) => i % options.every === 0),
    past: byTime([...train, ...test.filter((_, i) => i % options.every !== 0)]),
    trainSeconds: (performance.now() - started) / 1000,
    description:
      `time split of ${defaultDataFile}: trained on ${train.length} appeals before ${SPLIT.trainBefore}, ` +
      `scored on ${SPLIT.evaluateFrom}..2015-08-31`,
  };
}

function loadTimes(): { read: number; parse: number } {
  const times: number[] = [];
  let read = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const bytes = readFileSync(shippedModelFile);
    const t1 = performance.now();
    parseSuggestModel(bytes);
    times.push(performance.now() - t1);
    read = Math.max(read, t1 - t0);
  }
  return { read, parse: Math.max(...times) };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const s = await setting(options);
  const known = new Set(s.model.header.categories.map(([id]) => id));
  const outsideClassifier = s.test.filter((a) => a.categoryId === null).length;
  const unseenTypes = s.test.filter((a) => a.categoryId !== null && !known.has(a.categoryId)).length;
  // As the workstation suggests: the model and the votes of the closest earlier appeals in its store.
  const m: Figures = scoreModel(s.model, s.test, 'coordinates', s.past);
  const alone: Figures = scoreModel(s.model, s.test, 'coordinates');
  const nb = scoreNaiveBayes(s.train, s.test);
  const byDistrict = scoreModel(s.model, s.test, 'district', s.past);
  const wordsOnly = scoreModel(s.model, s.test, 'none', s.past);
  const pickedType = scoreModel(s.model, s.test, 'trueCategory');
  const history = new MemoryHistory();
  for (const appeal of s.past) history.add(appeal);
  const latencies = keystrokeLatencies(s.model, s.test.slice(0, 300), () => performance.now(), history);
  const shipped = existsSync(shippedModelFile) ? statSync(shippedModelFile).size : undefined;
  const load = shipped === undefined ? undefined : loadTimes();

  console.info(s.description);
  console.info(
    `${s.test.length} appeals scored; ${unseenTypes} of them (${pct(unseenTypes / Math.max(1, s.test.length))}) ` +
      `have a question type the model never saw in training and ${outsideClassifier} one outside the classifier: ` +
      'all count as misses.',
  );
  if (s.trainSeconds !== undefined) console.info(`training took ${s.trainSeconds.toFixed(1)} s`);
  console.info(
    'model: the model with the votes of the closest earlier appeals (the store: the training appeals and ' +
      'every appeal registered before the scored one, with its type), as the workstation suggests.',
  );
  console.info('');
  console.info(row('', 'model', 'naive', 'target'));
  console.info(
    row('category top-1', pct(m.categoryTop1), pct(nb.categoryTop1), '>= 55%', m.categoryTop1 >= 0.55),
  );
  console.info(
    row('category top-3', pct(m.categoryTop3), pct(nb.categoryTop3), '>= 80%', m.categoryTop3 >= 0.8),
  );
  console.info(row('category top-5', pct(m.categoryTop5), pct(nb.categoryTop5), ''));
  console.info(row('category top-1, model alone (no history)', pct(alone.categoryTop1), '', ''));
  console.info(row('category top-3, model alone (no history)', pct(alone.categoryTop3), '', ''));
  console.info(row('category top-5, model alone (no history)', pct(alone.categoryTop5), '', ''));
  console.info(row('executor top-3, model alone (no history)', pct(alone.executorTop3), '', ''));
  console.info(row('mean confidence of the first type', pct(m.meanTopConfidence), '', '~ top-1'));
  console.info(row('executor top-1 (words + coordinates)', pct(m.executorTop1), pct(nb.executorTop1), ''));
  console.info(
    row(
      'executor top-3 (words + coordinates)',
      pct(m.executorTop3),
      pct(nb.executorTop3),
      '>= 60%',
      m.executorTop3 >= 0.6,
    ),
  );
  console.info(row('executor top-1 (words + district)', pct(byDistrict.executorTop1), '', ''));
  console.info(row('executor top-3 (words + district)', pct(byDistrict.executorTop3), '', ''));
  console.info(row('executor top-1 (words only)', pct(wordsOnly.executorTop1), '', ''));
  console.info(row('executor top-3 (words only)', pct(wordsOnly.executorTop3), '', ''));
  console.info(row('executor top-1 (type picked + coords)', pct(pickedType.executorTop1), '', ''));
  console.info(row('executor top-3 (type picked + coords)', pct(pickedType.executorTop3), '', ''));
  console.info('');
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
  console.info(row('model size (this run)', mb(s.modelBytes), '', '<= 25 MB', s.modelBytes <= 25e6));
  if (shipped !== undefined && load !== undefined) {
    console.info(row('model size (shipped file)', mb(shipped), '', '<= 25 MB', shipped <= 25e6));
    console.info(row('load: read file (worst of 5)', `${load.read.toFixed(1)} ms`, '', ''));
    console.info(
      row(
        'load: parse (worst of 5)',
        `${load.parse.toFixed(1)} ms`,
        '',
        '<= 500 ms',
        load.read + load.parse <= 500,
      ),
    );
  }
  const p50 = quantileOf(latencies, 0.5);
  const p95 = quantileOf(latencies, 0.95);
  console.info(row(`predict p50 (${latencies.length} keystrokes)`, `${p50.toFixed(2)} ms`, '', ''));
  console.info(row('predict p95', `${p95.toFixed(2)} ms`, '', '<= 15 ms', p95 <= 15));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
