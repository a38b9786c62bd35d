// Binding a device id to the workstation that first signed in with it (migration 046). The
// workstation proves it is that one with its device key; the server keeps only the key's hash.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/pool';

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * `bound`: this sign-in may act as the device (registered now, or its key matches). `taken`: the id
 * belongs to another workstation. Called after the password was checked, so the answer tells an
 * anonymous caller nothing.
 */
export async function bindDevice(
  db: Queryable,
  deviceId: string,
  deviceKey: string | undefined,
  userId: string,
): Promise<'bound' | 'taken'> {
  const offered = deviceKey === undefined ? null : hashKey(deviceKey);
  // One statement: registers a new id, or claims a keyless one, and returns the key it holds.
  const { rows } = await db.query<{ key_hash: string | null }>(
    `INSERT INTO devices AS d (device_id, key_hash, registered_by) VALUES ($1, $2, $3)
     ON CONFLICT (device_id) DO UPDATE SET
       key_hash = coalesce(d.key_hash, EXCLUDED.key_hash),
       last_sign_in_at = now()
     RETURNING key_hash`,
    [deviceId, offered, userId],
  );
  const held = rows[0]!.key_hash;
  if (held === null) return 'bound';
  return offered !== null && sameHash(held, offered) ? 'bound' : 'taken';
}

/**
 * Whether this sign-in comes from a workstation the user has signed in from before: the device's
 * key matches and one of the user's sign-ins named the device. Checked before the password, only to
 * choose the login throttle's bucket (rateLimit.ts): a thief would need the workstation's key.
 */
export async function isKnownDevice(
  db: Queryable,
  userId: string,
  deviceId: string,
  deviceKey: string,
): Promise<boolean> {
  const { rows } = await db.query<{ key_hash: string | null }>(
    `SELECT d.key_hash FROM devices d
      WHERE d.device_id = $1
        AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.user_id = $2 AND t.device_id = d.device_id::text)`,
    [deviceId, userId],
  );
  const held = rows[0]?.key_hash ?? null;
  return held !== null && sameHash(held, hashKey(deviceKey));
}
