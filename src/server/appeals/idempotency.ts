// The REST API's Idempotency-Key (migration 055): the first answer to a key is kept in the same
// transaction as the change it made, and a retry with the key gets that answer again without
// touching the appeal. A retry that arrives while the first is still running waits on the key's
// row and then reads its answer.
import { createHash } from 'node:crypto';
import type { PoolClient } from '../db/pool';

export interface Answer {
  statusCode: number;
  body: unknown;
}

export type Claim =
  | { kind: 'fresh' }
  | { kind: 'replay'; answer: Answer }
  /** The key was used with another request: a client bug, never applied. */
  | { kind: 'reused' };

/** What identifies a request: the route, the appeal and the body (keys sorted by JSON.stringify order). */
export const requestDigest = (route: string, appealId: string, body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([route, appealId.toLowerCase(), body]))
    .digest('hex');

/** Claims `key` for this user inside the caller's transaction, or finds its earlier answer. */
export async function claimKey(
  client: PoolClient,
  userId: string,
  key: string,
  digest: string,
): Promise<Claim> {
  const inserted = await client.query(
    `INSERT INTO api_idempotency (user_id, key, request_digest, status_code, response)
     VALUES ($1, $2, $3, 0, 'null'::jsonb) ON CONFLICT DO NOTHING`,
    [userId, key, digest],
  );
  if (inserted.rowCount === 1) return { kind: 'fresh' };
  const { rows } = await client.query<{ request_digest: string; status_code: number; response: unknown }>(
    'SELECT request_digest, status_code, response FROM api_idempotency WHERE user_id = $1 AND key = $2',
    [userId, key],
  );
  const row = rows[0]!;
  if (row.request_digest !== digest) return { kind: 'reused' };
  return { kind: 'replay', answer: { statusCode: row.status_code, body: row.response } };
}

export async function keepAnswer(client: PoolClient, userId: string, key: string, answer: Answer) {
  await client.query(
    'UPDATE api_idempotency SET status_code = $3, response = $4::jsonb WHERE user_id = $1 AND key = $2',
    [userId, key, answer.statusCode, JSON.stringify(answer.body)],
  );
}
