// Full-text search for Ukrainian and Russian. FTS5's unicode61 tokenizer (remove_diacritics 2)
// folds case and marks; inflection is handled here by a light stemmer: a query word loses one
// common case or number ending and becomes a prefix query, so "опалення" finds "опаленням" and
// "опаленню", and "отопление" finds "отопления" and "отоплением". Words with digits (building
// numbers) match exactly: "22" must not find "220".

/** Apostrophes split a word for unicode61 ("під'їзд"); dropped at index and query time alike. */
const APOSTROPHES = /['’`ʼ‘]/g;

/** Text as it is written into the FTS index. */
export const foldForIndex = (text: string): string => text.normalize('NFC').replace(APOSTROPHES, '');

// Inflectional endings of Ukrainian and Russian nouns and adjectives, longest first.
const ENDINGS = [
  'ями ами ого ому ими ыми ией иям иях ові еві єві',
  'ям ам ом ем ым им их ых ях ах ів ов ев ей ий ій ый ой ая яя ое ее ые ие ої ою ею єю ую юю ия ья ье ью ию ії',
  'а я у ю і и ы е є о ь ї й',
]
  .join(' ')
  .split(' ');
export const MIN_STEM = 3;
const MAX_TERMS = 8;

export function stem(word: string): string {
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM)
      return word.slice(0, -ending.length);
  }
  return word;
}

export const quoteTerm = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/** A word of the query: a stem matched as a prefix, or a word (numbers, short words) matched exactly. */
export interface FtsTerm {
  text: string;
  prefix: boolean;
}

/** The terms of what the operator typed, all required, or null when it holds no word. */
export function ftsTerms(text: string): FtsTerm[] | null {
  const words = foldForIndex(text)
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // One- and two-letter words (в, на, не, по) match almost everything and say almost nothing.
  const meaningful = words.filter((w) => w.length >= MIN_STEM || /\p{N}/u.test(w));
  const chosen = [...new Set(meaningful.length > 0 ? meaningful : words)].slice(0, MAX_TERMS);
  if (chosen.length === 0) return null;
  return chosen.map((w) =>
    /\p{N}/u.test(w) || w.length < MIN_STEM ? { text: w, prefix: false } : { text: stem(w), prefix: true },
  );
}

/** The FTS5 MATCH expression for what the operator typed (prefixes left to FTS5), or null. */
export function ftsQuery(text: string): string | null {
  const terms = ftsTerms(text);
  if (terms === null) return null;
  return terms.map((t) => (t.prefix ? `${quoteTerm(t.text)}*` : quoteTerm(t.text))).join(' ');
}
