// Login rate limit kept in PostgreSQL so it holds across instances. Failures are counted before the
// password is checked; two instances racing can let a few extra attempts through, never many.
import type { Queryable } from '../db/pool';

export interface LoginLimits {
  perUser: number;
  perIp: number;
  windowSeconds: number;
}

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function loginRetryAfter(
  db: Queryable,
  username: string,
  ip: string,
  limits: LoginLimits,
): Promise<number> {
  const { rows } = await db.query<{
    by_user: number;
    user_wait: number | null;
    by_ip: number;
    ip_wait: number | null;
  }>(
    `WITH recent AS (
       SELECT username, ip, at FROM login_attempts
        WHERE NOT success AND at > now() - make_interval(secs => $3) AND (username = $1 OR ip = $2))
     SELECT
       (SELECT count(*)::int FROM recent WHERE username = $1) AS by_user,
       -- the attempt that must age out of the window before the count drops below the limit
       (SELECT extract(epoch FROM at + make_interval(secs => $3) - now())::float FROM recent WHERE username = $1
         ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS user_wait,
       (SELECT count(*)::int FROM recent WHERE ip = $2) AS by_ip,
       (SELECT extract(epoch FROM at + make_interval(secs => $3) - now())::float FROM recent WHERE ip = $2
         ORDER BY at DESC OFFSET $5 - 1 LIMIT 1) AS ip_wait`,
    [username, ip, limits.windowSeconds, limits.perUser, limits.perIp],
  );
  const row = rows[0]!;
  const waits = [
    row.by_user >= limits.perUser ? (row.user_wait ?? limits.windowSeconds) : 0,
    row.by_ip >= limits.perIp ? (row.ip_wait ?? limits.windowSeconds) : 0,
  ];
  const wait = Math.max(...waits);
  return wait > 0 ? Math.max(1, Math.ceil(wait)) : 0;
}

export async function recordLoginAttempt(
  db: Queryable,
  username: string,
  ip: string,
  success: boolean,
): Promise<void> {
  await db.query('INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)', [
    username,
    ip,
    success,
  ]);
}
