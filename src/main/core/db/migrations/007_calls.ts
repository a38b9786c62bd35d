// Telephony (issue 4): call records with their links to what the operator registered during the
// call, the agent state as it was last left, and the SIP credentials the server issued (kept so a
// workstation restarted during a server outage still has its softphone). The store is encrypted,
// so the HA1 sits with the rest of the operator's data.
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'calls',
  up(db) {
    db.exec(`
      -- sort_key orders by ring time (see calls/callsRepo.ts): newest-first lists read the primary key.
      CREATE TABLE calls (
        sort_key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sip_call_id TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        local_number TEXT NOT NULL,
        remote_number TEXT NOT NULL,
        ring_at TEXT NOT NULL,
        answered_at TEXT,
        ended_at TEXT,
        result TEXT,
        operator_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL,
        record TEXT NOT NULL CHECK (json_valid(record))
      ) STRICT;
      CREATE INDEX calls_sip_call_id ON calls (sip_call_id);

      -- Appeals and consultations registered during a call, both ways: the call shows what came of
      -- it, and an appeal can show the call it came from.
      CREATE TABLE call_links (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        entity_type TEXT NOT NULL CHECK (entity_type IN ('appeal', 'consultation')),
        entity_id TEXT NOT NULL,
        PRIMARY KEY (call_id, entity_type, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_links_entity ON call_links (entity_type, entity_id);

      CREATE TABLE agent_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        state TEXT NOT NULL CHECK (json_valid(state)),
        since TEXT NOT NULL
      ) STRICT;

      -- The account's SIP credentials, one account at a time: cleared at sign-out.
      CREATE TABLE softphone_credentials (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        user_id TEXT NOT NULL,
        credentials TEXT NOT NULL CHECK (json_valid(credentials)),
        issued_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
