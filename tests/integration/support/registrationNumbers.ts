// The registration-number functions of migration 020, called directly (the server calls them inside
// the push statement of src/server/sync/createRecords.ts). Official numbers are
// `<center>-<year>-<6+ digits>`, unique per center and year across every instance; a number taken
// by a transaction that rolls back is skipped: gaps are allowed, duplicates never.
import type { Queryable } from '../../../src/server/db/pool';

export function formatRegistrationNumber(centerCode: string, year: number, n: string | number): string {
  return `${centerCode}-${year}-${String(n).padStart(6, '0')}`;
}

/** `count` new numbers in increasing order, in one round trip. */
export async function nextRegistrationNumbers(
  client: Queryable,
  centerCode: string,
  year: number,
  count: number,
): Promise<string[]> {
  if (count <= 0) return [];
  const { rows } = await client.query<{ n: string }>(
    'SELECT n::text FROM next_registration_numbers($1, $2, $3) AS n ORDER BY n',
    [centerCode, year, count],
  );
  return rows.map((r) => formatRegistrationNumber(centerCode, year, r.n));
}

export async function nextRegistrationNumber(
  client: Queryable,
  centerCode: string,
  year: number,
): Promise<string> {
  const [n] = await nextRegistrationNumbers(client, centerCode, year, 1);
  return n!;
}
