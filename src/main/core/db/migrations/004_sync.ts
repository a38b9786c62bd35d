// Sync and sign-in state (ARCHITECTURE.md, "Sync protocol"): the server's epoch and the pull
// cursor, changes the server refused (kept and shown, never dropped), the ids a re-sync has seen,
// the cached session and the offline sign-in verifiers.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        server_url TEXT,
        epoch TEXT,
        cursor TEXT,
        -- 1 while a re-sync from scratch runs: survives a restart half way through.
        resyncing INTEGER NOT NULL DEFAULT 0 CHECK (resyncing IN (0, 1)),
        last_success_at TEXT,
        last_failure_at TEXT,
        last_error TEXT
      ) STRICT;
      INSERT INTO sync_state (singleton) VALUES (1);

      -- A mutation the server rejected leaves the outbox (it will never succeed as it is) and is
      -- kept here whole, with the reason, for the operator and the team lead.
      CREATE TABLE outbox_rejected (
        seq INTEGER PRIMARY KEY,
        mutation_id TEXT NOT NULL UNIQUE,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        rejected_at TEXT NOT NULL
      ) STRICT;

      -- Records a re-sync pulled; what is local and not here is re-sent to the server.
      CREATE TABLE sync_resync_seen (
        entity_type TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (entity_type, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE auth_session (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        user TEXT NOT NULL CHECK (json_valid(user)),
        refresh_token TEXT,
        signed_in_at TEXT NOT NULL
      ) STRICT;

      -- scrypt of the password with a random salt, written after a successful online sign-in.
      CREATE TABLE auth_verifiers (
        username TEXT PRIMARY KEY,
        user TEXT NOT NULL CHECK (json_valid(user)),
        salt TEXT NOT NULL,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
