// Scoring a model on labelled appeals: top-k hit rates for categories and executors, and the
// naive Bayes baseline on the same appeals. An appeal whose true type the model cannot name (not in
// the classifier, or first seen after the training months) counts as a miss, never as skipped.
import { suggest, type SuggestInput, type SuggestModel } from '../../src/shared/suggest';
import type { LabelledAppeal } from './appeals';
import { inTimeOrder, type MemoryHistory } from './history';
import { rankNaiveBayes, trainNaiveBayes } from './naiveBayes';

export interface Figures {
  appeals: number;
  categoryTop1: number;
  categoryTop3: number;
  categoryTop5: number;
  /** Appeals with a known executor: the executor figures' denominator. */
  executorAppeals: number;
  executorTop1: number;
  executorTop3: number;
  /** Mean confidence of the first category: beside categoryTop1 it shows how calibrated it is. */
  meanTopConfidence: number;
}

/** How the executor is asked for: what the intake knows of the place and the type at that moment. */
export type PlaceMode = 'coordinates' | 'district' | 'none' | 'trueCategory';

const rate = (hits: number, n: number): number => (n === 0 ? 0 : hits / n);

function inputFor(model: SuggestModel, appeal: LabelledAppeal, mode: PlaceMode): SuggestInput {
  switch (mode) {
    case 'coordinates':
      return { text: appeal.text, lat: appeal.lat, lon: appeal.lon };
    case 'district':
      return { text: appeal.text, district: districtNameAt(model, appeal) };
    case 'none':
      return { text: appeal.text };
    case 'trueCategory':
      return { text: appeal.text, lat: appeal.lat, lon: appeal.lon, categoryId: appeal.categoryId ?? '' };
    default: {
      const never: never = mode;
      throw new Error(`Unknown mode ${String(never)}`);
    }
  }
}

/** The district an operator would type for this appeal's place (as the model's own map has it). */
function districtNameAt(model: SuggestModel, appeal: LabelledAppeal): string | undefined {
  const { grid, districts } = model.header;
  if (appeal.lat === undefined || appeal.lon === undefined) return undefined;
  const row = Math.floor((appeal.lat - grid.lat0) / grid.dLat);
  const col = Math.floor((appeal.lon - grid.lon0) / grid.dLon);
  if (row < 0 || row >= grid.rows || col < 0 || col >= grid.cols) return undefined;
  return districts[model.cellDistricts[row * grid.cols + col] ?? 255]?.stems[0];
}

interface Ranked {
  categories: string[];
  executors: string[];
  confidence: number;
}
type Ranker = (appeal: LabelledAppeal) => Ranked;

/** Top-k hits of a ranker: categories over all appeals (unknown types are misses), executors over known ones. */
function score(appeals: readonly LabelledAppeal[], rank: Ranker): Figures {
  const hits = { c1: 0, c3: 0, c5: 0, e1: 0, e3: 0, en: 0, confidence: 0 };
  for (const appeal of appeals) {
    const ranked = rank(appeal);
    hits.confidence += ranked.confidence;
    const at = appeal.categoryId === null ? -1 : ranked.categories.indexOf(appeal.categoryId);
    if (at >= 0) {
      if (at < 1) hits.c1++;
      if (at < 3) hits.c3++;
      if (at < 5) hits.c5++;
    }
    if (appeal.executorId === null) continue;
    hits.en++;
    const executorAt = ranked.executors.indexOf(appeal.executorId);
    if (executorAt === 0) hits.e1++;
    if (executorAt >= 0 && executorAt < 3) hits.e3++;
  }
  const n = appeals.length;
  return {
    appeals: n,
    categoryTop1: rate(hits.c1, n),
    categoryTop3: rate(hits.c3, n),
    categoryTop5: rate(hits.c5, n),
    executorAppeals: hits.en,
    executorTop1: rate(hits.e1, hits.en),
    executorTop3: rate(hits.e3, hits.en),
    meanTopConfidence: rate(hits.confidence, n),
  };
}

/**
 * The model's figures. With `past`, each appeal is scored as the workstation would: with a history
 * of every appeal of `past` and of `appeals` registered before it (its store), whose closest
 * essences vote (src/shared/suggest/neighbours.ts); without, the model alone.
 */
export function scoreModel(
  model: SuggestModel,
  appeals: readonly LabelledAppeal[],
  mode: PlaceMode,
  past?: readonly LabelledAppeal[],
): Figures {
  const rank = (appeal: LabelledAppeal, history?: MemoryHistory): Ranked => {
    const input = inputFor(model, appeal, mode);
    const result = suggest(model, history ? { ...input, history } : input, { categories: 5, executors: 3 });
    return {
      categories: result.categories.map((c) => c.id),
      executors: result.executors.map((e) => e.id),
      confidence: result.categories[0]?.confidence ?? 0,
    };
  };
  if (past === undefined) return score(appeals, (appeal) => rank(appeal));
  const ranked = new Map<LabelledAppeal, Ranked>();
  inTimeOrder(past, appeals, (appeal, history) => ranked.set(appeal, rank(appeal, history)));
  return score(appeals, (appeal) => ranked.get(appeal) as Ranked);
}

/** Naive Bayes on words, trained on `train`, scored on `test`: categories and executors apart. */
export function scoreNaiveBayes(train: readonly LabelledAppeal[], test: readonly LabelledAppeal[]): Figures {
  const withCategory = train.filter((a) => a.categoryId !== null);
  const withExecutor = train.filter((a) => a.executorId !== null);
  const categories = trainNaiveBayes(
    withCategory.map((a) => a.text),
    withCategory.map((a) => a.categoryId as string),
  );
  const executors = trainNaiveBayes(
    withExecutor.map((a) => a.text),
    withExecutor.map((a) => a.executorId as string),
  );
  return score(test, (appeal) => ({
    categories: rankNaiveBayes(categories, appeal.text, 5),
    executors: appeal.executorId === null ? [] : rankNaiveBayes(executors, appeal.text, 3),
    confidence: 0,
  }));
}

/** Predict latency per keystroke: every 8th prefix of each text, timed one call at a time. */
export function keystrokeLatencies(
  model: SuggestModel,
  appeals: readonly LabelledAppeal[],
  now: () => number,
  history?: MemoryHistory,
): number[] {
  const times: number[] = [];
  for (const appeal of appeals) {
    for (let end = 1; end <= appeal.text.length; end += 8) {
      const input = {
        text: appeal.text.slice(0, end),
        lat: appeal.lat,
        lon: appeal.lon,
        ...(history ? { history } : {}),
      };
      const start = now();
      suggest(model, input);
      times.push(now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

export const quantileOf = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
