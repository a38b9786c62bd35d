// The live socket signs in with an access token, checked exactly as the HTTP routes check one
// (signature, expiry, a live sign-in, an enabled account). A socket outlives its access token, so
// the hub re-checks the sign-in itself (not the token) at every heartbeat: logout or disabling the
// account ends the socket too.
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../../shared/sync/auth';
import { authenticate } from '../auth/authenticate';
import type { Queryable } from '../db/pool';
import { HttpError } from '../errors';

export interface LiveIdentity {
  user: SessionUser;
  sessionId: string;
  deviceId: string | null;
}

export async function authenticateLive(
  db: Queryable,
  secret: string,
  token: string,
): Promise<LiveIdentity | null> {
  // authenticate() reads only the Authorization header and caches its answer on the request; a bare
  // object is enough and keeps one implementation of the check.
  const request = { headers: { authorization: `Bearer ${token}` }, auth: null } as unknown as FastifyRequest;
  try {
    const user = await authenticate(db, secret, request);
    return { user, sessionId: request.auth!.sessionId, deviceId: request.auth!.deviceId };
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 401) return null;
    throw error;
  }
}

/** The sign-ins among `sessions` that have ended or whose account was disabled since. */
export async function endedSessions(db: Queryable, sessions: string[]): Promise<Set<string>> {
  if (sessions.length === 0) return new Set();
  const { rows } = await db.query<{ family_id: string }>(
    `SELECT DISTINCT t.family_id::text FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.family_id = ANY($1::uuid[]) AND NOT u.disabled AND t.revoked_at IS NULL AND t.expires_at > now()`,
    [sessions],
  );
  const live = new Set(rows.map((row) => row.family_id));
  return new Set(sessions.filter((session) => !live.has(session)));
}
