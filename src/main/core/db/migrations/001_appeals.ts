// Appeals, their phones and the full-text index.
//
// `sort_key` (the rowid) is the creation instant in milliseconds times 1024 plus a tie-breaker
// (see sortKey.ts): the table itself is then in creation order, "newest first" and keyset paging
// need no extra index, and the FTS index shares the rowid so a text search can walk matches newest
// first and stop after one page. Columns hold what is filtered or indexed; `record` holds the whole
// appeal as JSON, the one source for reading it back.
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'appeals',
  up(db) {
    db.exec(`
      CREATE TABLE appeals (
        sort_key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        -- Not unique: appeals pulled from other workstations carry their devices' provisional
        -- numbers, and two devices may share a tag. This device's own numbers are unique by its
        -- counter (device.last_provisional_number); the official number is the unique one.
        provisional_number TEXT NOT NULL,
        official_number TEXT,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        category_id TEXT NOT NULL,
        executor_id TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
        received_on TEXT NOT NULL,
        deadline_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        repeat_of TEXT,
        building_key TEXT NOT NULL,
        record TEXT NOT NULL CHECK (json_valid(record))
      ) STRICT;

      CREATE UNIQUE INDEX appeals_official_number ON appeals (official_number) WHERE official_number IS NOT NULL;
      -- Each index ends with the rowid, so equality on the leading column yields rows newest first.
      CREATE INDEX appeals_category ON appeals (category_id);
      CREATE INDEX appeals_executor ON appeals (executor_id);
      CREATE INDEX appeals_status ON appeals (status);
      CREATE INDEX appeals_received ON appeals (received_on);
      CREATE INDEX appeals_priority ON appeals (priority) WHERE priority = 1;
      -- Overdue = open and past the deadline; closed appeals, the great majority, stay out of it.
      CREATE INDEX appeals_open_deadline ON appeals (deadline_on) WHERE status <> 'closed';
      -- "Open appeals at this building", shown while the caller is on the line.
      CREATE INDEX appeals_open_building ON appeals (building_key) WHERE status <> 'closed';
      -- Repeat detection (Art. 8) needs closed appeals too: same building, same question type.
      CREATE INDEX appeals_building_category ON appeals (building_key, category_id);

      CREATE TABLE appeal_phones (
        phone TEXT NOT NULL,
        appeal_key INTEGER NOT NULL REFERENCES appeals (sort_key) ON DELETE CASCADE,
        PRIMARY KEY (phone, appeal_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX appeal_phones_appeal ON appeal_phones (appeal_key);

      -- Contentless: the text lives once, in appeals.record. unicode61 with remove_diacritics 2
      -- folds case and marks (й/и, ї/і, ё/е) for Ukrainian and Russian alike; queries are stemmed
      -- to prefixes (search.ts), and the 3-character prefix index keeps short stems fast.
      CREATE VIRTUAL TABLE appeals_fts USING fts5 (
        essence, applicant, address,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );
      -- Segment merging runs in idle time (maintenance.ts), not inside the commit of an appeal.
      INSERT INTO appeals_fts (appeals_fts, rank) VALUES ('automerge', 0);
    `);
  },
};
