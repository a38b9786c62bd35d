// Consultations: questions answered from reference data (not appeals, Art. 8), kept so the next
// call from the same number shows what the caller was already told.
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'consultations',
  up(db) {
    db.exec(`
      CREATE TABLE consultations (
        sort_key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        phone TEXT NOT NULL,
        category_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL CHECK (json_valid(record))
      ) STRICT;
      CREATE INDEX consultations_phone ON consultations (phone) WHERE phone <> '';
    `);
  },
};
