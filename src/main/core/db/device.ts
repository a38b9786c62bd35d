// This workstation's identity and its provisional-number counter. The store's device row is the
// identity that counts: the outbox's (device id, seq) pairs were made under it.
import { randomBytes } from 'node:crypto';
import { prepare } from './statements';
import type { ReadableDB, WritableDB } from './types';

export interface DeviceRow {
  deviceId: string;
  /**
   * 32 random bytes (base64url) made with the device row: the server binds the device id to the
   * first workstation that signs in with it, and refuses the id to any other (issue 9).
   */
  deviceKey: string;
  lastProvisionalNumber: number;
}

export function readDevice(db: ReadableDB): DeviceRow | null {
  return (
    prepare<DeviceRow>(
      db,
      `SELECT device_id AS deviceId, device_key AS deviceKey, last_provisional_number AS lastProvisionalNumber
         FROM device WHERE singleton = 1`,
    ).get() ?? null
  );
}

/** Records the device id (and makes its key) when the store has none yet; returns what the store holds. */
export function ensureDevice(db: WritableDB, deviceId: string): DeviceRow {
  prepare(db, 'INSERT OR IGNORE INTO device (singleton, device_id) VALUES (1, ?)').run(deviceId);
  // A store made before keys existed gets one now, at its first start after the upgrade.
  prepare(db, 'UPDATE device SET device_key = ? WHERE singleton = 1 AND device_key IS NULL').run(
    randomBytes(32).toString('base64url'),
  );
  return readDevice(db)!;
}

/** The next provisional number of this device; run it inside the transaction that uses it. */
export function takeProvisionalNumber(db: WritableDB): number {
  const row = prepare<{ n: number }>(
    db,
    'UPDATE device SET last_provisional_number = last_provisional_number + 1 WHERE singleton = 1 RETURNING last_provisional_number AS n',
  ).get();
  if (!row) throw new Error('The store has no device row: ensureDevice() was not called');
  return row.n;
}
