// Where the links waiting for their appeal's push are kept (table incident_links_waiting, migration
// 013): one account's at a time, the account signed in now. A link never holds an appeal's text,
// only the two ids.
import type { StoreWriter } from '../core/db/types';
import { prepare } from '../core/db/statements';
import type { PendingLink, PendingLinksStore } from './pendingLinks';

export function sqliteLinksStore(store: StoreWriter, userId: () => string | null): PendingLinksStore {
  const { db, write } = store;
  /** Runs `sql` with (user, appeal, incident); nobody signed in, nothing to keep. */
  const writeAsUser = (sql: string, link: PendingLink) => {
    const user = userId();
    if (user !== null) write(() => prepare(db, sql).run(user, link.appealId, link.incidentId));
  };
  return {
    load() {
      const user = userId();
      if (user === null) return [];
      return prepare<PendingLink>(
        db,
        `SELECT incident_id AS incidentId, appeal_id AS appealId FROM incident_links_waiting
         WHERE user_id = ? ORDER BY seq`,
      ).all(user);
    },
    put(link) {
      writeAsUser(
        `INSERT INTO incident_links_waiting (user_id, appeal_id, incident_id, seq)
         VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM incident_links_waiting))
         ON CONFLICT DO UPDATE SET seq = excluded.seq`,
        link,
      );
    },
    remove(link) {
      writeAsUser(
        `DELETE FROM incident_links_waiting WHERE user_id = ? AND appeal_id = ? AND incident_id = ?`,
        link,
      );
    },
  };
}
