// Links of appeals to mass incidents that wait for the appeal's push (src/main/incidents/pendingLinks.ts).
// Kept in the store so a restart or a sign-out before the push does not lose the operator's one-key
// link; each belongs to the account that made it, since the server checks that account's right to link.
import type { Migration } from './types';

export const migration013: Migration = {
  version: 13,
  name: 'incidentLinksWaiting',
  up(db) {
    db.exec(`
      CREATE TABLE incident_links_waiting (
        user_id TEXT NOT NULL,
        appeal_id TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        -- Order of making: the oldest is tried first and dropped first past the cap.
        seq INTEGER NOT NULL,
        PRIMARY KEY (user_id, appeal_id, incident_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
