// A citizen calling again reads out their number: the provisional one (P-XXXX-000002) needs an
// index as the official one has (001), so the lookup stays a single probe in a million appeals.
import type { Migration } from './types';

export const migration010: Migration = {
  version: 10,
  name: 'provisionalNumberIndex',
  up(db) {
    db.exec(`CREATE INDEX appeals_provisional_number ON appeals (provisional_number)`);
  },
};
