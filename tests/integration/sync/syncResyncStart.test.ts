// Starting a re-sync (a new server, a restored one): only a store holding records has anything the
// server could lack, so only it notes what the pull brings and re-sends the rest at the end.
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import type { WritableDB } from '../../../src/main/core/db/types';
import { insertBareAppealRow } from '../support/storeRows';
import { bindServer, markSeen, readSyncState, startResync } from '../../../src/main/sync/syncRepo';

function store(): WritableDB {
  const db = new Database(':memory:') as unknown as WritableDB;
  migrate(db, MIGRATIONS);
  return db;
}

it('is a plain full pull for a new workstation: nothing local, nothing to re-send', () => {
  const db = store();
  bindServer(db, 'https://contact-center.example');
  expect(readSyncState(db)).toMatchObject({ cursor: null, resyncing: false });
  db.close();
});

it('notes what the pull brings when the store holds appeals, and forgets what an earlier re-sync noted', () => {
  const db = store();
  insertBareAppealRow(db);
  markSeen(db, 'appeal', 'a0');
  bindServer(db, 'https://contact-center.example');
  expect(readSyncState(db)).toMatchObject({ cursor: null, resyncing: true });
  expect(db.prepare('SELECT count(*) FROM sync_resync_seen').pluck().get()).toBe(0);
  startResync(db);
  expect(readSyncState(db).resyncing).toBe(true);
  db.close();
});
