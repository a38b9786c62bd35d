// Refresh tokens: random, stored only as a SHA-256 hash, rotated on every use. One family per
// sign-in; presenting a token that was already rotated means it was copied, so the family dies.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '../../shared/sync/auth';
import type { PoolClient, Queryable } from '../db/pool';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createRefreshToken(
  db: Queryable,
  userId: string,
  deviceId: string | null,
  ttlSeconds: number,
  familyId: string = randomUUID(),
  rotatedFrom: string | null = null,
  token: string = randomBytes(32).toString('base64url'),
): Promise<{ token: string; familyId: string }> {
  await db.query(
    `INSERT INTO refresh_tokens (user_id, family_id, token_hash, device_id, expires_at, rotated_from)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6)`,
    [userId, familyId, hashToken(token), deviceId, ttlSeconds, rotatedFrom],
  );
  return { token, familyId };
}

export type RotateOutcome =
  | { kind: 'rotated'; user: SessionUser; token: string; familyId: string; deviceId: string | null }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'reused' };

/**
 * Call inside a transaction: the row lock makes two concurrent uses of one token rotate only once.
 * `proposed`: the successor the client proposed; the same (token, proposed) pair again is a retry of a
 * lost answer and gets the same successor, while the successor is still live.
 */
export async function rotateRefreshToken(
  client: PoolClient,
  token: string,
  ttlSeconds: number,
  proposed?: string,
): Promise<RotateOutcome> {
  const { rows } = await client.query<{
    id: string;
    family_id: string;
    device_id: string | null;
    revoked: boolean;
    revoked_reason: string | null;
    expired: boolean;
    user_id: string;
    username: string;
    name: string;
    role: Role;
    organisation_id: string | null;
    disabled: boolean;
  }>(
    `SELECT t.id, t.family_id, t.device_id, t.revoked_at IS NOT NULL AS revoked, t.revoked_reason,
            t.expires_at <= now() AS expired,
            u.id AS user_id, u.username, u.name, u.role, u.organisation_id, u.disabled
       FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1
      FOR UPDATE OF t`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { kind: 'unknown' };
  const user = {
    id: row.user_id,
    username: row.username,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
  };
  if (row.revoked && row.revoked_reason === 'rotated' && proposed !== undefined && !row.disabled) {
    // Only the client that proposed the successor knows it: this is that client's retry (or a late
    // duplicate of it), not a thief replaying a copied token.
    const successor = await client.query<{ live: boolean }>(
      `SELECT revoked_at IS NULL AND expires_at > now() AS live FROM refresh_tokens
        WHERE rotated_from = $1 AND token_hash = $2`,
      [row.id, hashToken(proposed)],
    );
    const found = successor.rows[0];
    if (found?.live)
      return { kind: 'rotated', user, token: proposed, familyId: row.family_id, deviceId: row.device_id };
    // The successor was used since: an old request delivered late; it gets nothing and ends nothing.
    if (found) return { kind: 'expired' };
  }
  // Ended when the account was disabled (migration 041): nothing was copied, so no reuse alarm.
  if (row.revoked && row.revoked_reason === 'account_disabled') return { kind: 'expired' };
  if (row.revoked) {
    await revokeFamily(client, row.family_id, 'reuse_detected');
    return { kind: 'reused' };
  }
  if (row.expired || row.disabled) return { kind: 'expired' };
  // A proposal that names an existing token is never honoured (and never reaches the unique index).
  if (proposed !== undefined) {
    const taken = await client.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [
      hashToken(proposed),
    ]);
    if (taken.rowCount !== 0) return { kind: 'unknown' };
  }
  await client.query(
    `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'rotated' WHERE id = $1`,
    [row.id],
  );
  const next = await createRefreshToken(
    client,
    row.user_id,
    row.device_id,
    ttlSeconds,
    row.family_id,
    row.id,
    proposed,
  );
  return {
    kind: 'rotated',
    user,
    token: next.token,
    familyId: row.family_id,
    deviceId: row.device_id,
  };
}

export async function revokeFamily(db: Queryable, familyId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
    [familyId, reason],
  );
}

/** The family of a refresh token if it belongs to the user; null otherwise. */
export async function familyOf(db: Queryable, token: string, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ family_id: string }>(
    'SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2',
    [hashToken(token), userId],
  );
  return rows[0]?.family_id ?? null;
}
