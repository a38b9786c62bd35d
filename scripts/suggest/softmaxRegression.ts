// Multinomial logistic regression on hashed sparse features by plain SGD with L2 (lazy, through a
// global scale) and a decaying step. Sequential and seeded: the same rows give the same weights bit
// for bit. Weights are feature-major (features x classes) so one feature's row is contiguous.
import type { FeatureVector } from '../../src/shared/suggest/features';
import { seededRandom } from '../../src/shared/seededRandom';
export { seededRandom };

export interface SgdOptions {
  epochs: number;
  /** Initial step. */
  rate: number;
  /** L2 strength per example. */
  l2: number;
  seed: number;
}

export const defaultSgd: SgdOptions = { epochs: 10, rate: 0.5, l2: 5e-7, seed: 1551 };

export interface SoftmaxWeights {
  features: number;
  classes: number;
  /** features x classes, true weights (the lazy scale already applied). */
  weights: Float32Array;
  bias: Float64Array;
}

/**
 * Only the largest gradients move weights: the true class and at most this many others, and none
 * under the floor. Most classes get ~0 probability on most rows, and every class updated costs a
 * scattered write per feature, so this bounds the step's cost and leaves most weights exactly 0
 * (a small model file). The approximation touches only what the full gradient barely moves.
 */
const GRADIENT_FLOOR = 2e-3;
const MAX_UPDATED_CLASSES = 24;

/** Keeps the `keep` entries of largest |gradient| (ties: lower class), in class order; returns the count. */
function keepLargest(classes: Int32Array, steps: Float64Array, n: number, keep: number): number {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => Math.abs(steps[b] as number) - Math.abs(steps[a] as number) || a - b);
  const kept = order.slice(0, keep).sort((a, b) => a - b);
  const keptClasses = kept.map((i) => classes[i] as number);
  const keptSteps = kept.map((i) => steps[i] as number);
  classes.set(keptClasses);
  steps.set(keptSteps);
  return keep;
}

export function trainSoftmax(
  rows: readonly FeatureVector[],
  labels: Int32Array,
  features: number,
  classes: number,
  options: SgdOptions,
): SoftmaxWeights {
  const w = new Float32Array(features * classes);
  // Starting from the class priors puts rare classes below the gradient floor from the first step.
  const bias = new Float64Array(classes);
  for (const y of labels) bias[y] = (bias[y] as number) + 1;
  for (let c = 0; c < classes; c++)
    bias[c] = Math.log(((bias[c] as number) + 0.5) / (labels.length + classes));
  const logits = new Float64Array(classes);
  const activeClasses = new Int32Array(classes);
  const activeSteps = new Float64Array(classes);
  const order = Int32Array.from(rows.keys());
  const random = seededRandom(options.seed);
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const r of order) {
      const x = rows[r] as FeatureVector;
      const y = labels[r] as number;
      const rate = options.rate / (1 + options.rate * options.l2 * step++);
      logits.set(bias);
      for (let k = 0; k < x.index.length; k++) {
        const base = (x.index[k] as number) * classes;
        const v = (x.value[k] as number) * scale;
        for (let c = 0; c < classes; c++) logits[c] = (logits[c] as number) + v * (w[base + c] as number);
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if ((logits[c] as number) > max) max = logits[c] as number;
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.exp((logits[c] as number) - max);
        logits[c] = e;
        sum += e;
      }
      scale *= 1 - rate * options.l2;
      let active = 0;
      for (let c = 0; c < classes; c++) {
        const g = (logits[c] as number) / sum - (c === y ? 1 : 0);
        if (g < GRADIENT_FLOOR && g > -GRADIENT_FLOOR) continue;
        activeClasses[active] = c;
        activeSteps[active++] = g;
      }
      if (active > MAX_UPDATED_CLASSES)
        active = keepLargest(activeClasses, activeSteps, active, MAX_UPDATED_CLASSES);
      for (let a = 0; a < active; a++) {
        const c = activeClasses[a] as number;
        const g = activeSteps[a] as number;
        bias[c] = (bias[c] as number) - rate * g;
        activeSteps[a] = (rate * g) / scale;
      }
      for (let k = 0; k < x.index.length; k++) {
        const base = (x.index[k] as number) * classes;
        const v = x.value[k] as number;
        for (let a = 0; a < active; a++) {
          const at = base + (activeClasses[a] as number);
          w[at] = (w[at] as number) - (activeSteps[a] as number) * v;
        }
      }
      if (scale < 1e-4) {
        for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale;
  return { features, classes, weights: w, bias };
}

export interface QuantisedWeights {
  offsets: Uint32Array;
  classes: Uint16Array;
  weights: Int8Array;
  scale: number;
}

/**
 * int8 weights with one scale, sparse per feature: weights that round to 0 are dropped, which is
 * most of them (a feature only ever moved the classes it was seen with or confused with).
 * The scale is set by a high quantile of |w| rather than the maximum so a few outliers (clamped)
 * do not cost every other weight its precision.
 */
export function quantise(model: SoftmaxWeights, maxWeights = 4_000_000, quantile = 0.9999): QuantisedWeights {
  const { weights: w, features, classes } = model;
  // Every 31st non-zero weight: a fixed sample, enough for the quantile and cheap to sort.
  const magnitudes: number[] = [];
  let nonZero = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i] as number;
    if (v !== 0 && nonZero++ % 31 === 0) magnitudes.push(Math.abs(v));
  }
  magnitudes.sort((a, b) => a - b);
  const top = magnitudes[Math.min(magnitudes.length - 1, Math.floor(quantile * magnitudes.length))] ?? 1;
  const scale = top / 127 || 1;
  const offsets = new Uint32Array(features + 1);
  // The smallest |q| kept: raised until at most maxWeights remain (the file's size budget).
  const histogram = new Float64Array(128);
  for (let i = 0; i < w.length; i++) {
    const q = Math.min(127, Math.abs(Math.round((w[i] as number) / scale)));
    histogram[q] = (histogram[q] as number) + 1;
  }
  let floor = 1;
  let count = w.length - (histogram[0] as number);
  while (count > maxWeights && floor < 127) count -= histogram[floor++] as number;
  const keptClasses = new Uint16Array(count);
  const kept = new Int8Array(count);
  let n = 0;
  for (let f = 0; f < features; f++) {
    const base = f * classes;
    for (let c = 0; c < classes; c++) {
      const q = Math.max(-127, Math.min(127, Math.round((w[base + c] as number) / scale)));
      if (Math.abs(q) < floor) continue;
      keptClasses[n] = c;
      kept[n++] = q;
    }
    offsets[f + 1] = n;
  }
  return { offsets, classes: keptClasses, weights: kept, scale };
}
