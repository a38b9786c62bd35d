// The executors' contacts as the server last gave them (an admin edits them there), kept so a
// workstation offline still shows the last known phone, address and hours.
import type { ExecutorContacts } from '../../shared/domain/reference';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export function readContacts(db: ReadableDB): Map<string, ExecutorContacts> {
  const rows = prepare<{ id: string; contacts: string }>(
    db,
    'SELECT executor_id AS id, contacts FROM executor_contacts',
  ).all();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.contacts) as ExecutorContacts]));
}

export function saveContacts(
  db: WritableDB,
  entries: readonly { id: string; contacts: ExecutorContacts }[],
  at: string,
): void {
  const upsert = prepare(
    db,
    `INSERT INTO executor_contacts (executor_id, contacts, fetched_at) VALUES (?, ?, ?)
     ON CONFLICT (executor_id) DO UPDATE SET contacts = excluded.contacts, fetched_at = excluded.fetched_at`,
  );
  for (const { id, contacts } of entries) upsert.run(id, JSON.stringify(contacts), at);
}
