// The author of each queued change: the user who was signed in when it was made. A change is
// pushed only under its author's own sign-in, so work done offline is never credited to whoever
// signs in next (src/main/sync/syncCycle.ts). Rows queued before this version have no author
// (NULL): they go with the next signed-in user allowed to make them, as they always did.
import type { Migration } from './types';

export const migration008: Migration = {
  version: 8,
  name: 'outboxAuthor',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN author_id TEXT;
      ALTER TABLE outbox_rejected ADD COLUMN author_id TEXT;
      -- A push reads one author's queue in seq order; counts split the queue by author.
      CREATE INDEX outbox_author ON outbox (author_id, seq);
    `);
  },
};
