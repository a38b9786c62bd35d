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
  /** Folded name, when `search` holds more (e.g. group names): words found here rank first. */
  title?: string;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** How well a typed word matches: 3 a whole word, 2 the start of a word, 1 inside a word, 0 absent. */
function wordMatch(text: string, word: string): number {
  let best = 0;
  for (let at = text.indexOf(word); at !== -1 && best < 3; at = text.indexOf(word, at + 1)) {
    const starts = !isWordChar(text[at - 1]);
    const ends = !isWordChar(text[at + word.length]);
    best = Math.max(best, starts ? (ends ? 3 : 2) : 1);
  }
  return best;
}

/**
 * Options holding every typed word, the most relevant first: a word the name holds whole beats
 * one it starts a word with, which beats one inside a word, which beats one found only in the
 * group; equal matches keep the given order (most frequent first). With `groupOf`, options of
 * a group stay together (a picker shows one heading per group), groups in the order of their
 * best option. An empty query keeps the given order.
 */
export function rankByWords<T extends Searchable>(
  options: readonly T[],
  query: string,
  limit: number,
  groupOf?: (option: T) => string,
): T[] {
  const words = queryWords(query);
  if (words.length === 0) return options.slice(0, limit);
  const scored: { option: T; score: number }[] = [];
  for (const option of options) {
    if (!words.every((w) => option.search.includes(w))) continue;
    const title = option.title ?? option.search;
    scored.push({ option, score: words.reduce((sum, w) => sum + wordMatch(title, w), 0) });
  }
  // Array.prototype.sort is stable: ties keep the given order.
  const ranked = scored.sort((a, b) => b.score - a.score).map((s) => s.option);
  if (!groupOf) return ranked.slice(0, limit);
  const groups = new Map<string, T[]>();
  for (const option of ranked) {
    const key = groupOf(option);
    const members = groups.get(key);
    if (members) members.push(option);
    else groups.set(key, [option]);
  }
  return [...groups.values()].flat().slice(0, limit);
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
