// The highest seq the server answered for this device since the last re-sync: sent with every
// push and pull so the server notices a restore that lost them (src/shared/sync/protocol.ts,
// "Restore").
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'syncAcknowledged',
  up(db) {
    db.exec(`ALTER TABLE sync_state ADD COLUMN acknowledged_seq INTEGER CHECK (acknowledged_seq >= 1)`);
  },
};
