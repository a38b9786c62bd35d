// Training the suggestion model from labelled appeals: deterministic (no clock, no unseeded
// randomness, every list in a total order), so the same data gives the same model file bytes.
import {
  countFeatures,
  weighFeatures,
  type FeatureSettings,
  type FeatureVector,
} from '../../src/shared/suggest/features';
import {
  encodeModel,
  RETIRED_BIAS,
  type HeaderFields,
  type ModelSections,
} from '../../src/shared/suggest/modelFormat';
import { cellOf, type Grid } from '../../src/shared/suggest/place';
import type { LabelledAppeal, Reference } from './appeals';
import { kyivDistricts, type DistrictStems } from './districts';
import { buildPriors, cellDistricts, type PriorRow } from './priors';
import { defaultSgd, quantise, trainSoftmax, type SgdOptions } from './softmaxRegression';

type Recency = { halfLifeDays: number; floor: number } | null;

export interface TrainOptions {
  features: FeatureSettings;
  sgd: SgdOptions;
  /** Features seen in fewer appeals are dropped (idf 0): noise, and most of the model's size. */
  minDocumentFrequency: number;
  grid: Grid;
  districts: DistrictStems[];
  smoothing: HeaderFields['smoothing'];
  temperature: number;
  /**
   * The executor prior's counts decay with age: max(floor, 2^(-age / halfLifeDays)), age in days
   * before the last training appeal. Housing services are reorganised and renamed (Solomianskyi's
   * ЖЕДs of 2015), and the executor serving a place now is the one to suggest. (The same weighting
   * of the softmax's rows was tried and cost 1.3 points of category top-3: the words need all years.)
   */
  executorRecency: Recency;
  /**
   * A type once used at least `minUses` times but not in the last `afterDays` of the data has been
   * replaced: it is never suggested (its bias is set to RETIRED_BIAS). Rare types are left alone:
   * a quiet spell says nothing about them.
   */
  retired: { afterDays: number; minUses: number } | null;
  /** Names the data in the header (file name and hash), never a path or a time. */
  data: string;
}

/** Kyiv in cells of about 1 km (0.009° of latitude, 0.014° of longitude), 3 x 3 cells a block. */
export const kyivGrid: Grid = {
  lat0: 50.2,
  lon0: 30.2,
  dLat: 0.009,
  dLon: 0.014,
  rows: 47,
  cols: 50,
  coarse: 3,
};

export const defaultTrainOptions: TrainOptions = {
  features: { hashBits: 18, maxChars: 4000, charGrams: 4 },
  sgd: defaultSgd,
  minDocumentFrequency: 2,
  grid: kyivGrid,
  districts: kyivDistricts,
  smoothing: { group: 2, place: 3, local: 0.005 },
  temperature: 1,
  executorRecency: { halfLifeDays: 60, floor: 0.05 },
  retired: { afterDays: 90, minUses: 20 },
  data: 'unnamed',
};

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(byCodePoint);

export function inverseDocumentFrequency(
  texts: readonly string[],
  settings: FeatureSettings,
  minDocumentFrequency: number,
): Uint8Array {
  const size = 1 << settings.hashBits;
  const df = new Uint32Array(size);
  for (const text of texts)
    for (const h of countFeatures(text, settings).keys()) df[h] = (df[h] as number) + 1;
  const idf = new Uint8Array(size);
  const n = texts.length;
  for (let h = 0; h < size; h++) {
    const d = df[h] as number;
    if (d < minDocumentFrequency) continue;
    idf[h] = Math.max(1, Math.min(255, Math.round(16 * (Math.log((n + 1) / (d + 1)) + 1))));
  }
  return idf;
}

const DAY_MS = 86_400_000;
const dayOf = (createdAt: string): number => Date.parse(`${createdAt.slice(0, 10)}T00:00:00Z`) / DAY_MS;

/** Each appeal's weight in the executor prior (see TrainOptions.executorRecency); all 1 without it. */
export function recencyDecay(createdAt: readonly string[], recency: Recency): number[] {
  if (recency === null) return createdAt.map(() => 1);
  const days = createdAt.map(dayOf);
  const last = days.reduce((a, b) => Math.max(a, b), -Infinity);
  return days.map((d) => Math.max(recency.floor, 2 ** (-(last - d) / recency.halfLifeDays)));
}

/**
 * The count tables hold whole numbers: a recent appeal counts this much and older ones their decayed
 * share of it, so rounding costs nothing that matters. The smoothing pseudo-counts are scaled alike.
 */
export const PRIOR_COUNT_SCALE = 64;

/** Indexes of the types the data shows were replaced (see TrainOptions.retired). */
export function retiredCategories(
  createdAt: readonly string[],
  labels: Int32Array,
  classes: number,
  retired: TrainOptions['retired'],
): number[] {
  if (retired === null || createdAt.length === 0) return [];
  const uses = new Uint32Array(classes);
  const lastDay = new Float64Array(classes).fill(-Infinity);
  let end = -Infinity;
  createdAt.forEach((at, r) => {
    const c = labels[r] as number;
    const day = dayOf(at);
    uses[c] = (uses[c] as number) + 1;
    lastDay[c] = Math.max(lastDay[c] as number, day);
    end = Math.max(end, day);
  });
  const out: number[] = [];
  for (let c = 0; c < classes; c++)
    if ((uses[c] as number) >= retired.minUses && end - (lastDay[c] as number) > retired.afterDays)
      out.push(c);
  return out;
}

export interface TrainReport {
  appeals: number;
  categories: number;
  executors: number;
  weights: number;
  /** Types never suggested: replaced in the classifier, by the data's evidence. */
  retired: number;
  bytes: number;
}

export function trainSuggestModel(
  appeals: readonly LabelledAppeal[],
  reference: Reference,
  options: TrainOptions = defaultTrainOptions,
): { bytes: Uint8Array; report: TrainReport } {
  const labelled = appeals.filter(
    (a): a is LabelledAppeal & { categoryId: string; groupId: string } =>
      a.categoryId !== null && a.groupId !== null,
  );
  const categories = sortedUnique(labelled.map((a) => a.categoryId));
  const groups = sortedUnique(labelled.map((a) => a.groupId));
  const executors = sortedUnique(labelled.flatMap((a) => (a.executorId === null ? [] : [a.executorId])));
  const categoryIndex = new Map(categories.map((id, i) => [id, i]));
  const groupOfCategory = new Map(labelled.map((a) => [a.categoryId, a.groupId]));
  const groupIndex = new Map(groups.map((id, i) => [id, i]));
  const executorIndex = new Map(executors.map((id, i) => [id, i]));

  const texts = labelled.map((a) => a.text);
  const idf = inverseDocumentFrequency(texts, options.features, options.minDocumentFrequency);
  const vectors: FeatureVector[] = texts.map((t) => weighFeatures(countFeatures(t, options.features), idf));
  const labels = Int32Array.from(labelled, (a) => categoryIndex.get(a.categoryId) as number);
  const features = 1 << options.features.hashBits;
  const createdAt = labelled.map((a) => a.createdAt);
  const softmax = trainSoftmax(vectors, labels, features, categories.length, options.sgd);
  const retired = retiredCategories(createdAt, labels, categories.length, options.retired);
  for (const c of retired) softmax.bias[c] = RETIRED_BIAS;
  const quantised = quantise(softmax);

  const priorDecay = recencyDecay(createdAt, options.executorRecency);
  const priorRows: PriorRow[] = labelled.flatMap((a, r) =>
    a.executorId === null
      ? []
      : [
          {
            category: categoryIndex.get(a.categoryId) as number,
            group: groupIndex.get(a.groupId) as number,
            executor: executorIndex.get(a.executorId) as number,
            weight: PRIOR_COUNT_SCALE * (priorDecay[r] as number),
            ...cellOf(options.grid, a.lat, a.lon),
          },
        ],
  );
  const names = executors.map((id) => reference.executorNames.get(id) ?? '');
  const districtOfCell = cellDistricts(priorRows, names, options.grid, options.districts);
  const priors = buildPriors(priorRows, options.grid, districtOfCell, options.districts.length);

  const fields: HeaderFields = {
    features: options.features,
    temperature: options.temperature,
    weightScale: quantised.scale,
    categories: categories.map((id) => [id, groupIndex.get(groupOfCategory.get(id) as string) as number]),
    groups,
    executors,
    grid: options.grid,
    districts: options.districts,
    smoothing: {
      group: options.smoothing.group * PRIOR_COUNT_SCALE,
      place: options.smoothing.place * PRIOR_COUNT_SCALE,
      local: options.smoothing.local,
    },
    trainedOn: {
      appeals: labelled.length,
      from: labelled[0]?.createdAt.slice(0, 10) ?? '',
      to: labelled[labelled.length - 1]?.createdAt.slice(0, 10) ?? '',
      data: options.data,
    },
  };
  const sections: ModelSections = {
    idf,
    weightOffsets: quantised.offsets,
    weightClasses: quantised.classes,
    weights: quantised.weights,
    bias: Float32Array.from(softmax.bias),
  };
  sections.cellDistricts = Uint8Array.from(districtOfCell, (d) => (d < 0 ? 255 : d));
  for (const [name, table] of Object.entries(priors)) {
    sections[`${name}.keys`] = table.keys;
    sections[`${name}.offsets`] = table.offsets;
    sections[`${name}.executors`] = table.executors;
    sections[`${name}.counts`] = table.counts;
  }
  const bytes = encodeModel(fields, sections);
  return {
    bytes,
    report: {
      appeals: labelled.length,
      categories: categories.length,
      executors: executors.length,
      weights: quantised.weights.length,
      retired: retired.length,
      bytes: bytes.length,
    },
  };
}
