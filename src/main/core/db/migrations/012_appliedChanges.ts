// A lifecycle step or amendment the server has applied, until the pull brings the state it decided.
// Between the push's answer and the pull (one round, or longer offline after a lost pull) the cached
// appeal still shows the state before the step: without this the appeal would come back into its
// work list for that moment, and a second step taken on it would only be refused stale. Kept
// whole, so the appeal's screen shows the step as waiting until the decided state arrives.
import type { Migration } from './types';

export const migration012: Migration = {
  version: 12,
  name: 'appliedChanges',
  up(db) {
    db.exec(`
      CREATE TABLE appeal_changes_applied (
        mutation_id TEXT PRIMARY KEY,
        entity_type TEXT NOT NULL,
        appeal_id TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at TEXT NOT NULL,
        -- The version the step was taken on: a cached version above it is the decided state.
        base_version INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX appeal_changes_applied_appeal ON appeal_changes_applied (appeal_id, base_version);
    `);
  },
};
