// Prediction: categories from the words (a linear softmax over hashed features), executors from the
// likely categories and the place (counts of who served that category or group in that grid cell or
// district, smoothed back to the city-wide counts).
import { featuresOf } from './features';
import { closestAppeals, mixVotes, neighbourVotes, type AppealHistory } from './neighbours';
import type { CountTable, SuggestModel } from './modelFormat';
import { cellCount, coarseCount, placeOf, type Place } from './place';
import type { SuggestInput, SuggestLimits, Suggestions } from './index';

/** Categories whose probabilities feed the executor mixture: beyond these the mass is negligible. */
const CATEGORIES_FOR_EXECUTORS = 10;

export function predict(
  model: SuggestModel,
  input: SuggestInput,
  limits: Required<SuggestLimits>,
): Suggestions {
  const text = typeof input.text === 'string' ? input.text : '';
  const picked = input.categoryId !== undefined ? model.categoryIndex.get(input.categoryId) : undefined;
  const softmax = categoryProbabilities(model, text);
  const probabilities = softmax && input.history ? withHistory(model, text, softmax, input.history) : softmax;
  const categories = probabilities ? topOf(probabilities, Math.max(0, limits.categories)) : [];
  const mixture =
    picked !== undefined
      ? [{ index: picked, p: 1 }]
      : probabilities
        ? topOf(probabilities, CATEGORIES_FOR_EXECUTORS)
        : [];
  return {
    categories: categories.map(({ index, p }) => {
      const [id, group] = model.header.categories[index] as [string, number];
      return { id, groupId: model.header.groups[group] as string, confidence: p };
    }),
    executors: executorsFor(model, mixture, placeOf(model.header, input), Math.max(0, limits.executors)),
  };
}

/** The softmax with the closest earlier appeals' votes, or alone when the history cannot be read. */
function withHistory(
  model: SuggestModel,
  text: string,
  softmax: Float64Array,
  history: AppealHistory,
): Float64Array {
  let votes: Map<number, number> | undefined;
  try {
    votes = neighbourVotes(model, closestAppeals(model, text, history));
  } catch {
    return softmax;
  }
  return mixVotes(softmax, votes);
}

function categoryProbabilities(model: SuggestModel, text: string): Float64Array | undefined {
  const features = featuresOf(text, model.header.features, model.idf);
  if (features.index.length === 0) return undefined;
  const { weightOffsets, weightClasses, weights, bias } = model;
  const logits = Float64Array.from(bias);
  const scale = model.header.weightScale;
  for (let i = 0; i < features.index.length; i++) {
    const f = features.index[i] as number;
    const x = (features.value[i] as number) * scale;
    const end = weightOffsets[f + 1] as number;
    for (let k = weightOffsets[f] as number; k < end; k++) {
      const c = weightClasses[k] as number;
      logits[c] = (logits[c] as number) + x * (weights[k] as number);
    }
  }
  return softmax(logits, model.header.temperature);
}

function softmax(logits: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(((logits[i] as number) - max) / temperature);
    logits[i] = e;
    sum += e;
  }
  for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) / sum;
  return logits;
}

interface Ranked {
  index: number;
  p: number;
}

/** The n largest entries, ties broken by index so results never depend on sort stability. */
function topOf(values: ArrayLike<number>, n: number): Ranked[] {
  const top: Ranked[] = [];
  if (n <= 0) return top;
  for (let index = 0; index < values.length; index++) {
    const p = values[index] as number;
    if (!(p > 0)) continue;
    if (top.length === n && p <= (top[n - 1] as Ranked).p) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1] as Ranked).p < p) at--;
    top.splice(at, 0, { index, p });
    if (top.length > n) top.pop();
  }
  return top;
}

type Distribution = Map<number, number>;

function lookup(table: CountTable, key: number): { executors: Uint16Array; counts: Uint32Array } | undefined {
  let lo = 0;
  let hi = table.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = table.keys[mid] as number;
    if (k === key) {
      const from = table.offsets[mid] as number;
      const to = table.offsets[mid + 1] as number;
      return { executors: table.executors.subarray(from, to), counts: table.counts.subarray(from, to) };
    }
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Dirichlet smoothing: counts of a narrow context, backed off to a wider distribution. */
function smooth(
  table: CountTable,
  key: number | undefined,
  prior: Distribution,
  strength: number,
): Distribution {
  const row = key === undefined ? undefined : lookup(table, key);
  if (!row) return prior;
  let total = 0;
  for (const c of row.counts) total += c;
  const out: Distribution = new Map();
  for (const [e, p] of prior) out.set(e, (strength * p) / (total + strength));
  for (let i = 0; i < row.executors.length; i++) {
    const e = row.executors[i] as number;
    out.set(e, (out.get(e) ?? 0) + (row.counts[i] as number) / (total + strength));
  }
  return out;
}

function normalised(counts: Distribution): Distribution {
  let total = 0;
  for (const v of counts.values()) total += v;
  if (total <= 0) return new Map();
  const out: Distribution = new Map();
  for (const [e, v] of counts) out.set(e, v / total);
  return out;
}

function tableRow(table: CountTable, key: number | undefined): Distribution {
  const out: Distribution = new Map();
  const row = key === undefined ? undefined : lookup(table, key);
  if (row)
    for (let i = 0; i < row.executors.length; i++)
      out.set(row.executors[i] as number, row.counts[i] as number);
  return out;
}

/**
 * P(executor | category, place): who served the category city-wide, reweighted by who serves the
 * category's group at this place (housing companies are per area), then the category's own counts
 * in the coarse cell and the cell (or the district) on top.
 */
export function executorDistribution(model: SuggestModel, category: number, place: Place): Distribution {
  const { tables, header } = model;
  const { group: groupStrength, place: placeStrength, local } = header.smoothing;
  const groupIndex = (header.categories[category] as [string, number])[1];
  const cityGroup = normalised(tableRow(tables.group, groupIndex));
  const city = smooth(tables.category, category, cityGroup, groupStrength);
  const cells = cellCount(header.grid);
  const coarse = coarseCount(header.grid);
  const districts = header.districts.length;
  const areaKey = (base: number, size: number, at: number | undefined): number | undefined =>
    at === undefined ? undefined : base * size + at;
  let areaGroup: Distribution;
  let narrow: Distribution;
  if (place.cell !== undefined) {
    areaGroup = tableRow(tables.groupCell, areaKey(groupIndex, cells, place.cell));
    if (areaGroup.size === 0)
      areaGroup = tableRow(tables.groupCoarse, areaKey(groupIndex, coarse, place.coarse));
  } else {
    areaGroup = tableRow(tables.groupDistrict, areaKey(groupIndex, districts, place.district));
  }
  const areaGroupP = normalised(areaGroup);
  let base = city;
  if (areaGroupP.size > 0) {
    const reweighted: Distribution = new Map();
    for (const [e, p] of city) reweighted.set(e, p * ((areaGroupP.get(e) ?? 0) + local));
    const n = normalised(reweighted);
    if (n.size > 0) base = n;
  }
  if (place.cell !== undefined) {
    narrow = smooth(tables.categoryCoarse, areaKey(category, coarse, place.coarse), base, placeStrength);
    narrow = smooth(tables.categoryCell, areaKey(category, cells, place.cell), narrow, placeStrength);
  } else {
    narrow = smooth(
      tables.categoryDistrict,
      areaKey(category, districts, place.district),
      base,
      placeStrength,
    );
  }
  return narrow;
}

function executorsFor(
  model: SuggestModel,
  mixture: Ranked[],
  place: Place,
  limit: number,
): { id: string; confidence: number }[] {
  if (mixture.length === 0 || limit <= 0) return [];
  const scores = new Float64Array(model.header.executors.length);
  let mass = 0;
  for (const { index, p } of mixture) {
    mass += p;
    for (const [e, q] of executorDistribution(model, index, place)) scores[e] = (scores[e] as number) + p * q;
  }
  if (mass <= 0) return [];
  return topOf(scores, limit).map(({ index, p }) => ({
    id: model.header.executors[index] as string,
    confidence: p / mass,
  }));
}
