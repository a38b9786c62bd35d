// Word search for the pickers: every word the operator types must occur somewhere in the option
// (in any order), so "вода гаряча" finds "Відсутність гарячої води" by its stems as typed.

/** Folds case, apostrophes and ё/е so that the operator's spelling does not decide the match. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’'`ʼ"«»“”]/g, '')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w !== '');
}

export interface Searchable {
  /** Folded text the words are matched against. */
  search: string;
}

/** Keeps the given order (most frequent first) and stops at `limit` matches. */
export function filterByWords<T extends Searchable>(
  options: readonly T[],
  query: string,
  limit: number,
): T[] {
  const words = queryWords(query);
  const out: T[] = [];
  for (const option of options) {
    if (words.every((w) => option.search.includes(w))) {
      out.push(option);
      if (out.length >= limit) break;
    }
  }
  return out;
}
