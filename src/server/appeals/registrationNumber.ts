// Official registration numbers, `<center>-<year>-<6+ digits>`: unique per center and year across
// every instance (the counter row is locked by the upsert until the caller's transaction ends).
// A number taken by a transaction that rolls back is skipped: gaps are allowed, duplicates never.
import type { Queryable } from '../db/pool';

export async function nextRegistrationNumber(
  client: Queryable,
  centerCode: string,
  year: number,
): Promise<string> {
  const { rows } = await client.query<{ last: string }>(
    `INSERT INTO registration_counters (center_code, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (center_code, year) DO UPDATE SET last = registration_counters.last + 1
     RETURNING last`,
    [centerCode, year],
  );
  return `${centerCode}-${year}-${rows[0]!.last.padStart(6, '0')}`;
}
