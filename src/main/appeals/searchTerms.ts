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
import { onTransactionEnd } from '../core/db/transaction';
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
// tokenised by SQLite itself (slower, always exact). A table, not a regular expression: this runs
// for every appeal a first sync brings, and the table walk costs a fifth.
const UNMIRRORED = 0;
const TOKEN = 1;
const SEPARATOR = 2;
const charClass = new Uint8Array(0x2117);
const mark = (kind: number, from: number, to = from) => charClass.fill(kind, from, to + 1);
mark(SEPARATOR, 0x00, 0x7f);
mark(TOKEN, 0x30, 0x39); // 0-9
mark(TOKEN, 0x41, 0x5a); // A-Z
mark(TOKEN, 0x61, 0x7a); // a-z
mark(TOKEN, 0x410, 0x44f); // А-я
for (const letter of 'ЁёЄєІіЇїҐґЎў') mark(TOKEN, letter.charCodeAt(0));
for (const separator of '\u00a0«»…№') mark(SEPARATOR, separator.charCodeAt(0));
mark(SEPARATOR, 0x2010, 0x2015); // dashes
mark(SEPARATOR, 0x2018, 0x201f); // quotes

const classOf = (code: number): number => charClass[code] ?? UNMIRRORED;

/**
 * The words of `text` of at least MIN_STEM characters as the index stores them, or null when the
 * text holds a character whose folding is not mirrored here.
 */
export function indexedWords(text: string): string[] | null {
  // Mirrored characters keep their length in lower case, so indexes into `text` hold for `lower`.
  const lower = text.toLowerCase();
  const words = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const kind = i === text.length ? SEPARATOR : classOf(text.charCodeAt(i));
    if (kind === TOKEN) {
      if (start < 0) start = i;
      continue;
    }
    if (kind === UNMIRRORED) return null;
    if (start >= 0 && i - start >= MIN_STEM) words.add(lower.slice(start, i));
    start = -1;
  }
  return [...words];
}

const isMirroredWord = (word: string): boolean => {
  for (let i = 0; i < word.length; i++) if (classOf(word.charCodeAt(i)) !== TOKEN) return false;
  return word.length > 0;
};

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

/**
 * Words known to be in search_terms, per connection: most words of a new appeal are, and skipping
 * their inserts halves the cost (a first sync writes 100k appeals). A word joins only once the
 * transaction that inserted it committed (transaction.ts), so a rolled-back save cannot leave a word
 * remembered but missing. Capped: the rarest words are not worth the memory.
 */
interface KnownWords {
  committed: Set<string>;
  staged: string[];
}
const MAX_KNOWN_WORDS = 100_000;
const knownWords = new WeakMap<WritableDB, KnownWords>();

function knownWordsOf(db: WritableDB): KnownWords {
  let known = knownWords.get(db);
  if (!known) {
    const created: KnownWords = { committed: new Set(), staged: [] };
    onTransactionEnd(db, (committed) => {
      if (committed)
        for (const word of created.staged) {
          if (created.committed.size >= MAX_KNOWN_WORDS) break;
          created.committed.add(word);
        }
      created.staged = [];
    });
    knownWords.set(db, created);
    known = created;
  }
  return known;
}

/** Adds the words of texts just written to the index. Callers own the transaction (inImmediateTransaction). */
export function recordSearchTerms(db: WritableDB, texts: readonly string[]): void {
  const text = texts.join('\n');
  const words = indexedWords(text);
  if (words === null) {
    recordByTokenizer(db, text);
    return;
  }
  const known = knownWordsOf(db);
  const fresh = words.filter((word) => !known.committed.has(word));
  if (fresh.length === 0) return;
  prepare(db, 'INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)').run(
    JSON.stringify(fresh),
  );
  known.staged.push(...fresh);
}

/** The smallest string above every string that starts with `prefix` (BMP characters only). */
const successorOf = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

function expandPrefix(db: ReadableDB, prefix: string): string {
  const native = `${quoteTerm(prefix)}*`;
  if (prefix.length <= MIN_STEM || !isMirroredWord(prefix)) return native;
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
