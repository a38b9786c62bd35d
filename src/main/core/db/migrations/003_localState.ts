// What belongs to this workstation: its settings, its identity and provisional-number counter,
// and the outbox of local changes waiting to be pushed to the server (ARCHITECTURE.md, "Sync").
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'localState',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE device (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id TEXT NOT NULL,
        last_provisional_number INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- AUTOINCREMENT: a seq is never reused, even after pushed rows are deleted, because the
      -- server's ledger is keyed by (device id, seq).
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_entity ON outbox (entity_type, entity_id);
    `);
  },
};
