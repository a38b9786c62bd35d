// The dictionary of indexed words (table search_terms) that lets a search read only its page.
//
// FTS5 answers a prefix term ("ремонт"*) by first merging the posting lists of every indexed word that
// starts so (134 words and all their appeals in a 1M store) and only then walks newest first: 20 ms
// for "ремонт покрівлі", growing with the store. The same words ORed as exact terms are read lazily,
// newest first, and stop at the page: 0.7 ms, the same rows. Their list comes from this table, an
// ordered B-tree range scan.
//
// The table must hold every word the index holds (a missing one would drop its appeals from results),
// so it is filled from the index itself (migration 014) and by every insert into it (recordSearchTerms,
// in the same transaction). Words are never removed: an extra one costs a lookup that finds nothing.
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';
import { ftsTerms, MIN_STEM, quoteTerm } from './search';

/**
 * A prefix matching more words than this is left to FTS5's own prefix merge. Even the broadest
 * 4-letter stems stay under it in a million appeals ("пере": 3,729 words, spelled out 22 ms against
 * 51 ms merged); it bounds the expression's size. Prefixes of exactly MIN_STEM letters are left to
 * FTS5 as well: the index keeps a prefix index of that length (prefix = '3'), read lazily.
 */
const MAX_EXPANSION = 5000;

// Characters whose tokenisation by unicode61 (remove_diacritics 2) this file mirrors exactly: ASCII
// and the Ukrainian, Russian and Belarusian alphabets fold to lower case and nothing else (unicode61
// keeps й, ї, ё), and the separators are plain punctuation. Text with any other character is
// tokenised by SQLite itself (slower, always exact).
const TOKEN_CHARS =
  '0-9a-zA-Z\u0410-\u044f\u0401\u0451\u0404\u0454\u0406\u0456\u0407\u0457\u0490\u0491\u040e\u045e';
const SEPARATORS =
  '\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2026\u2116';
const MIRRORED = new RegExp(`^[${TOKEN_CHARS}${SEPARATORS}]*$`);
const TOKEN = new RegExp(`[${TOKEN_CHARS}]+`, 'g');
const MIRRORED_PREFIX = new RegExp(`^[${TOKEN_CHARS}]+$`);

/**
 * The words of `text` of at least MIN_STEM characters as the index stores them, or null when the
 * text holds a character whose folding is not mirrored here.
 */
export function indexedWords(text: string): string[] | null {
  if (!MIRRORED.test(text)) return null;
  const words = new Set<string>();
  for (const [token] of text.matchAll(TOKEN)) if (token.length >= MIN_STEM) words.add(token.toLowerCase());
  return [...words];
}

const SCRATCH = 'search_terms_scratch';
const scratchReady = new WeakSet<WritableDB>();

/** Text SQLite tokenises for us: a one-row FTS5 table in memory (temp_store = MEMORY) and its vocabulary. */
function recordByTokenizer(db: WritableDB, text: string): void {
  if (!scratchReady.has(db)) {
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.${SCRATCH} USING fts5 (
        text, content = '', tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.${SCRATCH}_vocab USING fts5vocab (temp, ${SCRATCH}, row);`);
    scratchReady.add(db);
  }
  prepare(db, `INSERT INTO temp.${SCRATCH} (text) VALUES (?)`).run(text);
  prepare(
    db,
    `INSERT OR IGNORE INTO search_terms (term)
       SELECT term FROM temp.${SCRATCH}_vocab WHERE length(term) >= ${MIN_STEM}`,
  ).run();
  prepare(db, `INSERT INTO temp.${SCRATCH} (${SCRATCH}) VALUES ('delete-all')`).run();
}

/** Adds the words of texts just written to the index. Callers own the transaction. */
export function recordSearchTerms(db: WritableDB, texts: readonly string[]): void {
  const text = texts.join('\n');
  const words = indexedWords(text);
  if (words === null) recordByTokenizer(db, text);
  else if (words.length > 0)
    prepare(db, 'INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)').run(
      JSON.stringify(words),
    );
}

/** The smallest string above every string that starts with `prefix` (BMP characters only). */
const successorOf = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

function expandPrefix(db: ReadableDB, prefix: string): string {
  const native = `${quoteTerm(prefix)}*`;
  if (prefix.length <= MIN_STEM || !MIRRORED_PREFIX.test(prefix)) return native;
  const words = prepare<string>(db, 'SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(prefix, successorOf(prefix), MAX_EXPANSION + 1) as string[];
  // None: nothing matches, and FTS5 finds that out as fast.
  if (words.length === 0 || words.length > MAX_EXPANSION) return native;
  return words.length === 1 ? quoteTerm(words[0] as string) : `(${words.map(quoteTerm).join(' OR ')})`;
}

/**
 * The FTS5 MATCH expression for what the operator typed, each stemmed prefix spelled out as the
 * indexed words it matches; null when the text holds no word. Finds exactly what ftsQuery finds.
 */
export function searchExpression(db: ReadableDB, text: string): string | null {
  const terms = ftsTerms(text);
  if (terms === null) return null;
  return terms
    .map((term) => (term.prefix ? expandPrefix(db, term.text) : quoteTerm(term.text)))
    .join(' AND ');
}
