// The dictionary of indexed words (src/main/appeals/searchTerms.ts): a prefix query is spelled out as
// the exact words it matches, which FTS5 reads lazily newest first instead of merging every posting
// list of the prefix. Filled here from the index itself, so it holds every word already indexed;
// every later insert into the index adds its own words in the same transaction.
import type { Migration } from './types';

export const migration014: Migration = {
  version: 14,
  name: 'searchTerms',
  up(db) {
    db.exec(`
      CREATE TABLE search_terms (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE temp.appeals_fts_words USING fts5vocab (main, appeals_fts, row);
      -- Shorter words are never the target of an expanded prefix (stems have at least 3 letters).
      INSERT INTO search_terms (term) SELECT term FROM temp.appeals_fts_words WHERE length(term) >= 3;
      DROP TABLE temp.appeals_fts_words;
    `);
  },
};
