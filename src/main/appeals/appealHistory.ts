// The store as the suggestions' history (src/shared/suggest/neighbours.ts): the appeals this
// workstation holds, looked up by whole word in the full-text index, newest first.
//
// Each lookup is one exact term of the contentless FTS5 index restricted to the essence column and
// read lazily from the newest rowid down (rowid = sort_key, creation order), so it stops after
// `limit` rows whatever the store's size; the candidates' essences are then read by primary key.
import type { AppealHistory, PastAppeal } from '../../shared/suggest';
import { quoteTerm } from './search';
import { prepare } from '../core/db/statements';
import type { ReadableDB } from '../core/db/types';

const NEWEST_WITH = `
  SELECT rowid AS key FROM appeals_fts WHERE appeals_fts MATCH ? ORDER BY rowid DESC LIMIT ?`;
const READ = `
  SELECT sort_key AS key, category_id AS categoryId, json_extract(record, '$.essence') AS text
  FROM appeals WHERE sort_key IN (SELECT value FROM json_each(?))`;

export function appealHistory(db: ReadableDB): AppealHistory {
  return {
    newestWith: (word, limit) =>
      prepare<{ key: number }>(db, NEWEST_WITH)
        .all(`essence : ${quoteTerm(word)}`, limit)
        .map((row) => row.key),
    read: (keys) =>
      keys.length === 0
        ? []
        : prepare<PastAppeal>(db, READ)
            .all(JSON.stringify(keys))
            .filter((row) => typeof row.text === 'string' && row.categoryId !== ''),
  };
}
