// Starting a re-sync (a new server, a restored one): only a store holding records has anything the
// server could lack, so only it notes what the pull brings and re-sends the rest at the end.
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import type { WritableDB } from '../../../src/main/core/db/types';
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
  db.prepare(
    `INSERT INTO appeals (sort_key, id, provisional_number, type, status, category_id, executor_id, priority,
       received_on, deadline_on, created_at, updated_at, version, building_key, record)
     VALUES (1, 'a1', 'P-TEST-000001', 'statement', 'registered', 't', 'e', 0, '2026-01-05', '2026-02-05',
       '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z', 1, 'київ|хрещатик|22', '{}')`,
  ).run();
  markSeen(db, 'appeal', 'a0');
  bindServer(db, 'https://contact-center.example');
  expect(readSyncState(db)).toMatchObject({ cursor: null, resyncing: true });
  expect(db.prepare('SELECT count(*) FROM sync_resync_seen').pluck().get()).toBe(0);
  startResync(db);
  expect(readSyncState(db).resyncing).toBe(true);
  db.close();
});
