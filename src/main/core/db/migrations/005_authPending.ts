// A token renewal in flight: the successor this workstation asked the server for. Kept in the
// store so a renewal whose answer was lost (connection cut, process killed) is retried with the
// same request after a restart, which the server answers instead of ending the sign-in.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'authPending',
  up(db) {
    db.exec(`ALTER TABLE auth_session ADD COLUMN pending_renewal TEXT CHECK (json_valid(pending_renewal))`);
  },
};
