// POST login / refresh / logout and GET me (src/shared/sync/auth.ts).
import type { FastifyInstance } from 'fastify';
import { assertNever } from '../../shared/result';
import {
  AUTH_PATHS,
  LoginRequest,
  RefreshRequest,
  type SessionUser,
  type TokenPair,
} from '../../shared/sync/auth';
import { audit } from '../audit';
import type { AppContext } from '../context';
import { withTransaction } from '../db/pool';
import { HttpError, unauthorized } from '../errors';
import { LogoutRequest } from '../routes/routeTable';
import { bindDevice, isKnownDevice } from './devices';
import { verifyPassword } from './password';
import {
  admitLoginAttempt,
  pruneLoginThrottle,
  recordLoginAttempt,
  settleLoginAttempt,
  type LoginAttempt,
  type LoginLimits,
} from './rateLimit';
import { createRefreshToken, familyOf, revokeFamily, rotateRefreshToken } from './sessions';
import { issueAccessToken } from './tokens';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { pool, config } = ctx;

  const tokenPair = async (
    user: SessionUser,
    refreshToken: string,
    familyId: string,
    deviceId: string | null,
  ) => {
    const accessToken = issueAccessToken(
      await ctx.tokenSecret(),
      { sub: user.id, role: user.role, sid: familyId, ...(deviceId ? { deviceId } : {}) },
      config.accessTtlSeconds,
    );
    const pair: TokenPair = { accessToken, expiresIn: config.accessTtlSeconds, refreshToken, user };
    return pair;
  };

  const limits: LoginLimits = {
    perUser: config.loginFailuresPerUser,
    perIp: config.loginFailuresPerIp,
    windowSeconds: config.loginWindowSeconds,
    maxDelaySeconds: config.loginMaxDelaySeconds,
  };

  app.post(AUTH_PATHS.login, async (request) => {
    const input = LoginRequest.parse(request.body);
    const username = input.username.toLowerCase();
    const { rows } = await pool.query<SessionUser & { password_hash: string; disabled: boolean }>(
      `SELECT id, username, name, role, organisation_id AS "organisationId", password_hash, disabled
         FROM users WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    const deviceId = input.deviceId ?? null;
    const known =
      row && deviceId && input.deviceKey && (await isKnownDevice(pool, row.id, deviceId, input.deviceKey));
    const attempt: LoginAttempt = {
      username,
      address: request.ip,
      knownDevice: known ? deviceId : null,
      accountExists: row !== undefined,
    };
    // Takes its throttle slots before the password is checked: a burst cannot outrun the throttle.
    const admission = await admitLoginAttempt(pool, attempt, limits);
    if (admission.kind === 'throttled') {
      app.metrics.loginsThrottled.labels(admission.by).inc();
      await pruneLoginThrottle(pool, limits);
      const wait = admission.retryAfter;
      throw new HttpError(429, 'rate_limited', `Too many failed sign-ins; try again in ${wait} s`, {
        'retry-after': String(wait),
      });
    }
    let matched = false;
    try {
      const passwordOk = await verifyPassword(input.password, row?.password_hash ?? null);
      app.metrics.passwordChecks.labels(passwordOk ? 'match' : 'mismatch').inc();
      matched = passwordOk && row !== undefined && !row.disabled;
    } finally {
      await settleLoginAttempt(pool, attempt, matched, limits);
    }
    if (!row || !matched) {
      await recordLoginAttempt(pool, username, request.ip, false);
      await audit(pool, { userId: row?.id ?? null, action: 'auth.login_failed' });
      await pruneLoginThrottle(pool, limits);
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password');
    }
    await recordLoginAttempt(pool, username, request.ip, true);
    const user: SessionUser = {
      id: row.id,
      username: row.username,
      name: row.name,
      role: row.role,
      organisationId: row.organisationId,
    };
    if (deviceId !== null && (await bindDevice(pool, deviceId, input.deviceKey, user.id)) === 'taken') {
      await audit(pool, { userId: user.id, action: 'auth.device_refused', details: { deviceId } });
      throw new HttpError(
        403,
        'device_taken',
        'This device id belongs to another workstation; sign in from that workstation, or ask an administrator',
      );
    }
    const refresh = await createRefreshToken(pool, user.id, deviceId, config.refreshTtlSeconds);
    await audit(pool, { userId: user.id, action: 'auth.login', details: { deviceId } });
    return tokenPair(user, refresh.token, refresh.familyId, deviceId);
  });

  app.post(AUTH_PATHS.refresh, async (request) => {
    const { refreshToken, next } = RefreshRequest.parse(request.body);
    const outcome = await withTransaction(pool, (client) =>
      rotateRefreshToken(client, refreshToken, config.refreshTtlSeconds, next),
    );
    switch (outcome.kind) {
      case 'rotated':
        return tokenPair(outcome.user, outcome.token, outcome.familyId, outcome.deviceId);
      case 'reused':
        await audit(pool, { userId: null, action: 'auth.refresh_reuse' });
        throw unauthorized(
          'This refresh token was already used; the sign-in has been revoked. Sign in again',
        );
      case 'expired':
      case 'unknown':
        throw unauthorized('The refresh token is unknown or expired. Sign in again');
      default:
        return assertNever(outcome, 'refresh outcome');
    }
  });

  app.post(AUTH_PATHS.logout, async (request, reply) => {
    const input = LogoutRequest.parse(request.body ?? {});
    const family = input.refreshToken ? await familyOf(pool, input.refreshToken, request.user.id) : null;
    await revokeFamily(pool, request.auth!.sessionId, 'logout');
    if (family) await revokeFamily(pool, family, 'logout');
    await audit(pool, { userId: request.user.id, action: 'auth.logout' });
    return reply.code(204).send();
  });

  app.get(AUTH_PATHS.me, async (request) => request.user);
}
