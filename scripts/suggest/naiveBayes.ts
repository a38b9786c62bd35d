// The naive baseline the evaluation prints beside the model: multinomial naive Bayes on plain
// lower-cased words (Laplace smoothing), for the category and, separately, for the executor.
const WORD = /[\p{L}\p{N}]+/gu;
const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

export interface NaiveBayes {
  labels: string[];
  logPrior: Float64Array;
  /** word -> per-label log P(word | label) */
  logLikelihood: Map<string, Float64Array>;
}

export function trainNaiveBayes(texts: readonly string[], labels: readonly string[]): NaiveBayes {
  const names = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(names.map((n, i) => [n, i]));
  const docs = new Float64Array(names.length);
  const totals = new Float64Array(names.length);
  const counts = new Map<string, Float64Array>();
  texts.forEach((text, i) => {
    const label = index.get(labels[i] as string) as number;
    docs[label] = (docs[label] as number) + 1;
    for (const word of wordsOf(text)) {
      let row = counts.get(word);
      if (!row) counts.set(word, (row = new Float64Array(names.length)));
      row[label] = (row[label] as number) + 1;
      totals[label] = (totals[label] as number) + 1;
    }
  });
  const vocabulary = counts.size + 1;
  const logLikelihood = new Map<string, Float64Array>();
  for (const [word, row] of counts)
    logLikelihood.set(
      word,
      row.map((n, label) => Math.log((n + 1) / ((totals[label] as number) + vocabulary))),
    );
  return {
    labels: names,
    logPrior: docs.map((d) => Math.log(d / texts.length)),
    logLikelihood,
  };
}

/** The k most likely labels for a text; words never seen in training are skipped. */
export function rankNaiveBayes(model: NaiveBayes, text: string, k: number): string[] {
  const scores = Float64Array.from(model.logPrior);
  for (const word of wordsOf(text)) {
    const row = model.logLikelihood.get(word);
    if (!row) continue;
    for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + (row[c] as number);
  }
  return [...scores.keys()]
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
    .slice(0, k)
    .map((i) => model.labels[i] as string);
}
