// This workstation's identity and its provisional-number counter. The store's device row is the
// identity that counts: the outbox's (device id, seq) pairs were made under it.
import { prepare } from './statements';
import type { ReadableDB, WritableDB } from './types';

export interface DeviceRow {
  deviceId: string;
  lastProvisionalNumber: number;
}

export function readDevice(db: ReadableDB): DeviceRow | null {
  return (
    prepare<DeviceRow>(
      db,
      'SELECT device_id AS deviceId, last_provisional_number AS lastProvisionalNumber FROM device WHERE singleton = 1',
    ).get() ?? null
  );
}

/** Records the device id when the store has none yet; returns the id the store holds. */
export function ensureDevice(db: WritableDB, deviceId: string): DeviceRow {
  prepare(db, 'INSERT OR IGNORE INTO device (singleton, device_id) VALUES (1, ?)').run(deviceId);
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
