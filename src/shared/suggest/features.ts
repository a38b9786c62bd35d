// Hashed features of a text: words, stems, stem bigrams and character 4-grams, TF-IDF weighted and
// L2-normalised. Training and prediction both call this, so they can never featurise differently.
import { stemOf, tokenise } from './normalise';

export interface FeatureSettings {
  hashBits: number;
  maxChars: number;
  /** Length of the character n-grams taken inside words (0: none). */
  charGrams: number;
}

export interface FeatureVector {
  index: Uint32Array;
  value: Float32Array;
}

/** FNV-1a over UTF-16 code units: cheap, stable across machines and engines. */
export function hashOf(text: string, mask: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & mask;
}

/** Hashed feature -> how many times the text holds it. */
export function countFeatures(text: string, settings: FeatureSettings): Map<number, number> {
  const mask = (1 << settings.hashBits) - 1;
  const counts = new Map<number, number>();
  const add = (feature: string): void => {
    const h = hashOf(feature, mask);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  };
  let previous: string | undefined;
  for (const token of tokenise(text, settings.maxChars)) {
    const stem = stemOf(token);
    add(`w${token}`);
    if (stem !== token) add(`s${stem}`);
    if (previous !== undefined) add(`b${previous} ${stem}`);
    previous = stem;
    const n = settings.charGrams;
    if (n > 0 && token.length >= n && token.length <= 30) {
      const padded = `<${token}>`;
      for (let i = 0; i + n <= padded.length; i++) add(`c${padded.slice(i, i + n)}`);
    }
  }
  return counts;
}

/** Log-scaled term frequency times IDF (stored times 16 in a byte), then unit length. */
export function weighFeatures(counts: Map<number, number>, idf: Uint8Array): FeatureVector {
  const index = new Uint32Array(counts.size);
  const value = new Float32Array(counts.size);
  let n = 0;
  let norm = 0;
  for (const [h, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    const w = (1 + Math.log(count)) * ((idf[h] ?? 0) / 16);
    if (w <= 0) continue;
    index[n] = h;
    value[n] = w;
    norm += w * w;
    n++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < n; i++) value[i] = (value[i] as number) * scale;
  return { index: index.subarray(0, n), value: value.subarray(0, n) };
}

export const featuresOf = (text: string, settings: FeatureSettings, idf: Uint8Array): FeatureVector =>
  weighFeatures(countFeatures(text, settings), idf);
