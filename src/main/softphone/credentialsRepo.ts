// The SIP credentials the server last issued to the signed-in account, in the encrypted store
// (see migration 007): a workstation restarted while the server is down keeps its softphone.
import { SipCredentials } from '../../shared/softphone/sipConfig';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export interface StoredCredentials {
  userId: string;
  sip: SipCredentials;
  issuedAt: string;
}

export function readCredentials(db: ReadableDB): StoredCredentials | null {
  const row = prepare<{ userId: string; credentials: string; issuedAt: string }>(
    db,
    'SELECT user_id AS userId, credentials, issued_at AS issuedAt FROM softphone_credentials WHERE singleton = 1',
  ).get();
  if (!row) return null;
  const sip = SipCredentials.safeParse(JSON.parse(row.credentials));
  return sip.success ? { userId: row.userId, sip: sip.data, issuedAt: row.issuedAt } : null;
}

export function saveCredentials(db: WritableDB, c: StoredCredentials): void {
  prepare(
    db,
    `INSERT INTO softphone_credentials (singleton, user_id, credentials, issued_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET user_id = excluded.user_id, credentials = excluded.credentials,
       issued_at = excluded.issued_at`,
  ).run(c.userId, JSON.stringify(c.sip), c.issuedAt);
}

export function clearCredentials(db: WritableDB): void {
  prepare(db, 'DELETE FROM softphone_credentials').run();
}
