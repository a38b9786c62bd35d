// Who is calling: a signed access token whose sign-in (refresh family) is still live and whose user
// is still enabled. The role comes from the database, so a changed role applies at once.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role, SessionUser } from '../../shared/sync/auth';
import type { Queryable } from '../db/pool';
import { forbidden, unauthorized } from '../errors';
import type { RouteSpec } from '../routes/routeTable';
import { verifyAccessToken } from './tokens';

export interface AuthContext {
  sessionId: string;
  deviceId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every route whose access is a list of roles (routeTable.ts); unset on public routes. */
    user: SessionUser;
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** A hook that answers 401 without a valid sign-in and 403 for a role not listed. */
    requireRoles(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([\w.~+/=-]{1,2048})$/.exec(header.trim());
  return match ? match[1]! : null;
}

export async function authenticate(
  db: Queryable,
  secret: string,
  request: FastifyRequest,
): Promise<SessionUser> {
  if (request.auth) return request.user;
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  const claims = verifyAccessToken(secret, token);
  if (!claims) throw unauthorized();
  const { rows } = await db.query<SessionUser>(
    `SELECT u.id, u.username, u.name, u.role, u.organisation_id AS "organisationId" FROM users u
      WHERE u.id = $1 AND NOT u.disabled
        AND EXISTS (SELECT 1 FROM refresh_tokens t
                     WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now())`,
    [claims.sub, claims.sid],
  );
  const user = rows[0];
  if (!user) throw unauthorized('The sign-in has ended (logged out, revoked or the account is disabled)');
  request.user = user;
  request.auth = { sessionId: claims.sid, deviceId: claims.deviceId ?? null };
  return user;
}

function matchesMetricsToken(request: FastifyRequest, metricsToken: string | null): boolean {
  const given = bearerToken(request);
  if (!metricsToken || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(metricsToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The check app.ts attaches to every route from its routeTable entry. */
export function accessGuard(
  db: Queryable,
  secret: () => Promise<string>,
  spec: RouteSpec,
  metricsToken: string | null,
) {
  return async (request: FastifyRequest): Promise<void> => {
    if (spec.access === 'public') return;
    // PBX routes have their own guard (the PBX token); a user's token never opens them.
    if (spec.access === 'pbx') throw unauthorized();
    if (spec.metricsToken && matchesMetricsToken(request, metricsToken)) return;
    const user = await authenticate(db, await secret(), request);
    if (!spec.access.includes(user.role)) throw forbidden();
  };
}
