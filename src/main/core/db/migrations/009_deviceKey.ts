// The device's secret (issue 9): sent with every sign-in so the server can tell this workstation
// from another one that claims its device id. Kept only in the encrypted store.
import type { Migration } from './types';

export const migration009: Migration = {
  version: 9,
  name: 'deviceKey',
  up(db) {
    db.exec(
      `ALTER TABLE device ADD COLUMN device_key TEXT CHECK (device_key IS NULL OR length(device_key) = 43)`,
    );
  },
};
