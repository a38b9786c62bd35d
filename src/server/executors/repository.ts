// The executor directory in the server's database: seeded from resources/reference, contacts
// edited by admins (db/seed.ts keeps an edited contact over the shipped one).
import type { ExecutorContacts } from '../../shared/domain/reference';
import type { Queryable } from '../db/pool';
import type { ExecutorRecord } from './schemas';

const COLUMNS = `id, name, phone, address, hours, to_json(contacts_updated_at)#>>'{}' AS "contactsUpdatedAt"`;

export async function listExecutors(db: Queryable): Promise<ExecutorRecord[]> {
  const { rows } = await db.query<ExecutorRecord>(`SELECT ${COLUMNS} FROM executors ORDER BY name, id`);
  return rows;
}

/**
 * Sets the contacts and returns the executor with the fields that changed (empty when the values
 * were already these), or null when there is no such executor.
 */
export async function updateContacts(
  db: Queryable,
  id: string,
  contacts: ExecutorContacts,
  userId: string,
): Promise<{ executor: ExecutorRecord; changed: (keyof ExecutorContacts)[] } | null> {
  const { rows } = await db.query<ExecutorRecord & { before: ExecutorContacts }>(
    `WITH before AS (SELECT id, phone, address, hours FROM executors WHERE id = $1 FOR UPDATE)
     UPDATE executors e SET phone = $2, address = $3, hours = $4, contacts_updated_at = now(),
            contacts_updated_by = $5
       FROM before b WHERE e.id = b.id
     RETURNING e.id, e.name, e.phone, e.address, e.hours,
               to_json(e.contacts_updated_at)#>>'{}' AS "contactsUpdatedAt",
               json_build_object('phone', b.phone, 'address', b.address, 'hours', b.hours) AS before`,
    [id, contacts.phone, contacts.address, contacts.hours, userId],
  );
  const row = rows[0];
  if (!row) return null;
  const { before, ...executor } = row;
  const fields = ['phone', 'address', 'hours'] as const;
  return { executor, changed: fields.filter((f) => before[f] !== contacts[f]) };
}
