// Votes of similar earlier appeals: the question types of the appeals most like the essence being typed,
// found in the appeals the workstation already holds (its store) and mixed into the model's softmax.
//
// Why: a linear model on the words stops near 76% top-3 (scripts/suggest/README.md), yet a large share
// of appeals repeat one filed days or months earlier (the same citizen again, neighbours about the same
// lift, one burst main), and the type given then is the best guess now. Measured on the time split:
// +4 points of top-3 (scripts/suggest/README.md).
//
// How, so that a keystroke costs a few index reads whatever the store's size: the essence's rarest
// words (by the model's IDF) are looked up one by one in the history's word index, newest first, a few
// dozen appeals each; the appeals found under most of those words are read and compared with the
// essence by the model's own features (cosine of the TF-IDF vectors); the closest vote for their type.
// The history is an interface: the workstation answers from SQLite FTS5 (src/main/appeals/appealHistory.ts), the
// evaluation from the appeals before the one it scores (scripts/suggest), with this same code.
import { featuresOf, hashOf, type FeatureSettings, type FeatureVector } from './features';
import { isRetired, type SuggestModel } from './modelFormat';
import { normaliseText } from './normalise';

/** An earlier appeal as the history gives it back. */
export interface PastAppeal {
  key: number;
  text: string;
  categoryId: string;
}

/** Appeals the workstation holds, searchable by whole word (the store's full-text index). */
export interface AppealHistory {
  /** Keys of the newest appeals whose essence holds this exact word (lower case), newest first. */
  newestWith(word: string, limit: number): readonly number[];
  /** Those appeals' essences and types (keys it cannot find are left out). */
  read(keys: readonly number[]): readonly PastAppeal[];
}

export const NEIGHBOURS: Readonly<{
  words: number;
  minIdf: number;
  perWord: number;
  compared: number;
  voters: number;
  sharpness: number;
  share: number;
  charGrams: boolean;
}> = {
  /** Rarest words of the essence looked up. */
  words: 8,
  /** A word in more than this share of the training appeals says little (IDF below ln(1/share)). */
  minIdf: Math.log(1 / 0.02),
  /** Newest appeals taken per word. */
  perWord: 40,
  /** Candidates (most shared rare words first) read and compared. */
  compared: 40,
  /** Closest appeals that vote, each with similarity^sharpness. */
  voters: 20,
  sharpness: 3,
  /** Weight of the votes beside the softmax in the mixture. */
  share: 0.12,
  /** Compare by the model's character n-grams too (else words, stems and stem bigrams: as good, 2x faster). */
  charGrams: false,
};
export type NeighbourSettings = typeof NEIGHBOURS;

/** Apostrophes join a word in the store's index (src/main/appeals/search.ts foldForIndex). */
const APOSTROPHES = /['’`ʼ‘]/g;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The distinct words of a text as the store's full-text index holds them (unicode61 with
 * remove_diacritics 2 over the text with apostrophes dropped) for Cyrillic and plain Latin: lower
 * case (й, ї and ё stay as they are). Latin letters with marks (café) are folded by the index and
 * not here: such a word finds nothing, which costs a neighbour, never a wrong one. The evaluation
 * indexes its history with this; the store's index does the same by itself.
 */
export function indexedWordsOf(text: string): string[] {
  const folded = text.normalize('NFC').replace(APOSTROPHES, '').toLowerCase();
  return [...new Set(folded.match(WORD) ?? [])];
}

/**
 * The words to look up: whole words as the full-text index stores them (lower case, split at
 * apostrophes and punctuation), at least 3 letters, rarest first, without the common ones.
 */
export function rareWordsOf(
  model: SuggestModel,
  text: string,
  settings: NeighbourSettings = NEIGHBOURS,
): string[] {
  const { hashBits, maxChars } = model.header.features;
  const mask = (1 << hashBits) - 1;
  const seen = new Map<string, number>();
  const source = text.length > maxChars ? text.slice(0, maxChars) : text;
  for (const word of indexedWordsOf(source)) {
    if (word.length < 3 || word.length > 40 || /^\d+$/.test(word)) continue;
    // The model's words are spelled as normalise.ts spells them (е for ё).
    const idf = (model.idf[hashOf(`w${normaliseText(word)}`, mask)] ?? 0) / 16;
    if (idf >= settings.minIdf) seen.set(word, idf);
  }
  return [...seen]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, settings.words)
    .map(([word]) => word);
}

/**
 * The candidates' feature vectors, kept across keystrokes: the next keystroke finds mostly the same
 * appeals, and featurising 40 essences is most of a lookup's cost (5.5 of 7 ms at 1M appeals). An
 * entry is used only while the appeal's essence is the same text; the cache is emptied when full.
 */
class FeatureCache {
  private readonly entries = new Map<number, { text: string; vector: FeatureVector }>();
  constructor(
    private readonly model: SuggestModel,
    private readonly capacity: number,
  ) {}

  featuresOf(appeal: PastAppeal, settings: FeatureSettings): FeatureVector {
    const cached = this.entries.get(appeal.key);
    if (cached !== undefined && cached.text === appeal.text) return cached.vector;
    if (this.entries.size >= this.capacity) this.entries.clear();
    const vector = featuresOf(appeal.text, settings, this.model.idf);
    this.entries.set(appeal.key, { text: appeal.text, vector });
    return vector;
  }
}

const FEATURE_CACHE_ENTRIES = 4096;
/** One cache per model and comparison settings (the evaluation compares settings side by side). */
const featureCaches = new WeakMap<SuggestModel, Map<boolean, FeatureCache>>();
function featureCacheOf(model: SuggestModel, settings: NeighbourSettings): FeatureCache {
  let byCharGrams = featureCaches.get(model);
  if (byCharGrams === undefined) featureCaches.set(model, (byCharGrams = new Map()));
  let cache = byCharGrams.get(settings.charGrams);
  if (cache === undefined)
    byCharGrams.set(settings.charGrams, (cache = new FeatureCache(model, FEATURE_CACHE_ENTRIES)));
  return cache;
}

/** Dot product of two unit vectors with ascending indexes. */
function cosine(a: FeatureVector, b: FeatureVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.index.length && j < b.index.length) {
    const x = a.index[i] as number;
    const y = b.index[j] as number;
    if (x === y) dot += (a.value[i++] as number) * (b.value[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

export interface Neighbour {
  appeal: PastAppeal;
  /** Cosine of the two essences' feature vectors, in [0, 1]. */
  similarity: number;
}

/** The earlier appeals closest to the essence, closest first (at most `settings.voters`). */
export function closestAppeals(
  model: SuggestModel,
  text: string,
  history: AppealHistory,
  settings: NeighbourSettings = NEIGHBOURS,
): Neighbour[] {
  const words = rareWordsOf(model, text, settings);
  if (words.length === 0) return [];
  const features = settings.charGrams ? model.header.features : { ...model.header.features, charGrams: 0 };
  const query = featuresOf(text, features, model.idf);
  if (query.index.length === 0) return [];
  const shared = new Map<number, number>();
  words.forEach((word, rank) => {
    for (const key of history.newestWith(word, settings.perWord))
      // Rarer words count more; the key breaks ties towards the newer appeal.
      shared.set(key, (shared.get(key) ?? 0) + (settings.words - rank));
  });
  const candidates = [...shared]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, settings.compared)
    .map(([key]) => key);
  if (candidates.length === 0) return [];
  const cache = featureCacheOf(model, settings);
  return history
    .read(candidates)
    .map((appeal) => ({ appeal, similarity: cosine(query, cache.featuresOf(appeal, features)) }))
    .filter((n) => n.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || b.appeal.key - a.appeal.key)
    .slice(0, settings.voters);
}

/**
 * Votes per category index of the model (summing to 1), or undefined when no earlier appeal is
 * close. Types the model does not know or has retired do not vote: the pickers could not show them
 * with a group, and a retired type must not come back through its old appeals.
 */
export function neighbourVotes(
  model: SuggestModel,
  neighbours: readonly Neighbour[],
  settings: NeighbourSettings = NEIGHBOURS,
): Map<number, number> | undefined {
  const votes = new Map<number, number>();
  let total = 0;
  for (const { appeal, similarity } of neighbours) {
    const index = model.categoryIndex.get(appeal.categoryId);
    if (index === undefined || isRetired(model, index)) continue;
    const vote = similarity ** settings.sharpness;
    votes.set(index, (votes.get(index) ?? 0) + vote);
    total += vote;
  }
  if (total <= 0) return undefined;
  for (const [index, vote] of votes) votes.set(index, vote / total);
  return votes;
}

/** The softmax's probabilities with the neighbours' votes mixed in (in place), by `settings.share`. */
export function mixVotes(
  probabilities: Float64Array,
  votes: ReadonlyMap<number, number> | undefined,
  settings: NeighbourSettings = NEIGHBOURS,
): Float64Array {
  if (votes === undefined) return probabilities;
  const keep = 1 - settings.share;
  for (let i = 0; i < probabilities.length; i++) probabilities[i] = (probabilities[i] as number) * keep;
  for (const [index, vote] of votes)
    probabilities[index] = (probabilities[index] as number) + settings.share * vote;
  return probabilities;
}
