// Sign-in repository: the cached session (user and refresh token) and the offline verifiers.
// Both live in the encrypted store; the access token never leaves memory.
import type { SessionUser } from '../../shared/sync/auth';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export interface CachedSession {
  user: SessionUser;
  refreshToken: string | null;
  signedInAt: string;
}

export function readCachedSession(db: ReadableDB): CachedSession | null {
  const row = prepare<{ user: string; refreshToken: string | null; signedInAt: string }>(
    db,
    'SELECT user, refresh_token AS refreshToken, signed_in_at AS signedInAt FROM auth_session WHERE singleton = 1',
  ).get();
  return row ? { ...row, user: JSON.parse(row.user) as SessionUser } : null;
}

export function saveCachedSession(db: WritableDB, s: CachedSession): void {
  prepare(
    db,
    `INSERT INTO auth_session (singleton, user, refresh_token, signed_in_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET user = excluded.user, refresh_token = excluded.refresh_token,
       signed_in_at = excluded.signed_in_at`,
  ).run(JSON.stringify(s.user), s.refreshToken, s.signedInAt);
}

/** A renewal sent but not answered yet: the refresh token it used and the successor it asked for. */
export interface PendingRenewal {
  from: string;
  next: string;
}

export function readPendingRenewal(db: ReadableDB): PendingRenewal | null {
  const row = prepare<{ pending: string | null }>(
    db,
    'SELECT pending_renewal AS pending FROM auth_session WHERE singleton = 1',
  ).get();
  return row?.pending ? (JSON.parse(row.pending) as PendingRenewal) : null;
}

export function savePendingRenewal(db: WritableDB, pending: PendingRenewal | null): void {
  prepare(db, 'UPDATE auth_session SET pending_renewal = ? WHERE singleton = 1').run(
    pending ? JSON.stringify(pending) : null,
  );
}

export function clearCachedSession(db: WritableDB): void {
  prepare(db, 'DELETE FROM auth_session').run();
}

export interface VerifierRow {
  username: string;
  user: SessionUser;
  salt: string;
  hash: string;
}

export function readVerifier(db: ReadableDB, username: string): VerifierRow | null {
  const row = prepare<{ username: string; user: string; salt: string; hash: string }>(
    db,
    'SELECT username, user, salt, hash FROM auth_verifiers WHERE username = ?',
  ).get(username);
  return row ? { ...row, user: JSON.parse(row.user) as SessionUser } : null;
}

export function saveVerifier(db: WritableDB, v: VerifierRow, at: string): void {
  prepare(
    db,
    `INSERT INTO auth_verifiers (username, user, salt, hash, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET user = excluded.user, salt = excluded.salt, hash = excluded.hash,
       updated_at = excluded.updated_at`,
  ).run(v.username, JSON.stringify(v.user), v.salt, v.hash, at);
}

export function deleteVerifier(db: WritableDB, username: string): void {
  prepare(db, 'DELETE FROM auth_verifiers WHERE username = ?').run(username);
}
