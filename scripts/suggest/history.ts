// The store's history as the evaluation sees it: the appeals registered before the one being scored,
// searchable by word newest first, exactly what the workstation's full-text index answers
// (src/main/appeals/appealHistory.ts). Appeals are added in time order, each after it was scored.
import { indexedWordsOf, type AppealHistory, type PastAppeal } from '../../src/shared/suggest';
import { byCreatedAt, type LabelledAppeal } from './appeals';

export class MemoryHistory implements AppealHistory {
  private readonly appeals: LabelledAppeal[] = [];
  private readonly postings = new Map<string, number[]>();

  add(appeal: LabelledAppeal): void {
    const key = this.appeals.length;
    this.appeals.push(appeal);
    for (const word of indexedWordsOf(appeal.text)) {
      const keys = this.postings.get(word);
      if (keys) keys.push(key);
      else this.postings.set(word, [key]);
    }
  }

  newestWith(word: string, limit: number): readonly number[] {
    const keys = this.postings.get(word);
    return keys ? keys.slice(-limit).reverse() : [];
  }

  /** An appeal whose type is outside the classifier is in the store too, but cannot vote. */
  read(keys: readonly number[]): readonly PastAppeal[] {
    const found: PastAppeal[] = [];
    for (const key of keys) {
      const appeal = this.appeals[key];
      if (appeal?.categoryId) found.push({ key, text: appeal.text, categoryId: appeal.categoryId });
    }
    return found;
  }
}

/**
 * Scores `test` in time order with a history of every appeal of `past` and `test` registered
 * before it (an appeal in both is scored before its own copy joins the history).
 */
export function inTimeOrder(
  past: readonly LabelledAppeal[],
  test: readonly LabelledAppeal[],
  score: (appeal: LabelledAppeal, history: MemoryHistory) => void,
): void {
  const history = new MemoryHistory();
  let p = 0;
  const ordered = [...test].sort(byCreatedAt);
  for (const appeal of ordered) {
    while (p < past.length && (past[p] as LabelledAppeal).createdAt < appeal.createdAt)
      history.add(past[p++] as LabelledAppeal);
    score(appeal, history);
    history.add(appeal);
  }
}
