// POST /api/v1/sync/push and /pull (src/shared/sync/protocol.ts). Registered by app.ts; the role
// check comes from the route table, and the handlers refuse a request without a signed-in user, or
// from a device other than the one the sign-in was made on, as well.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SessionUser } from '../../shared/sync/auth';
import { PullRequest, SYNC_LIMITS, SYNC_PATHS, type PushResponse } from '../../shared/sync/protocol';
import { auditPulledPage } from './auditPull';
import { forbidden, HttpError, unauthorized } from '../errors';
import { applyBatch } from './applyMutation';
import { decodeCursor } from './cursor';
import { currentEpoch } from './epoch';
import { numberProof, type NumberProof } from './numberProof';
import { pull, type PullScope } from './pull';
import { lostSinceBackup } from './restoreCheck';
import { PushEnvelope } from './pushEnvelope';
import { appealPolicy, type AppealPolicy } from './serverOwned';

export interface SyncRoutesOptions {
  pool: pg.Pool;
  /** The center's code in official numbers (config.centerCode). */
  centerCode: string;
  /** Rule set, time zone and offline bounds for the fields the server decides; default: Ukraine. */
  policy?: AppealPolicy;
  /** The secret behind official-number proofs (the token secret); default: random per process. */
  secret?: () => Promise<string>;
  /** The server's clock (tests move it). */
  clock?: () => Date;
}

interface SignedIn {
  user: SessionUser;
  /** The device the sign-in was made on (the access token's claim). */
  deviceId: string | null;
}

function signedIn(request: FastifyRequest): SignedIn {
  const user = (request as { user?: SessionUser }).user;
  if (!user) throw unauthorized();
  return { user, deviceId: request.auth?.deviceId ?? null };
}

/** A device syncs only under the sign-in made on it: nobody pushes or pulls as another device. */
function assertOwnDevice(who: SignedIn, deviceId: string): void {
  if (who.deviceId === deviceId) return;
  throw new HttpError(
    403,
    'device_mismatch',
    who.deviceId === null
      ? 'Sign in with this device id to sync (the sign-in named no device)'
      : 'This sign-in was made on another device; sign in on this one to sync',
  );
}

/**
 * What a user pulls: an executor account only the appeals its organisation holds (pull.ts), every
 * other role everything. An executor account always has an organisation (migration 050); one
 * without it is refused rather than shown everything.
 */
function pullScopeOf(user: SessionUser): PullScope {
  if (user.role !== 'executor') return { kind: 'all' };
  if (!user.organisationId) throw forbidden('This executor account has no organisation');
  return { kind: 'organisation', organisationId: user.organisationId };
}

export const syncRoutes: FastifyPluginAsync<SyncRoutesOptions> = async (app, options) => {
  const { pool, centerCode } = options;
  const policy = options.policy ?? appealPolicy();
  const clock = options.clock ?? (() => new Date());
  const fallbackSecret = randomBytes(32).toString('base64url');
  let proof: Promise<NumberProof> | null = null;
  const loadProof = () => {
    proof ??= (options.secret ? options.secret() : Promise.resolve(fallbackSecret))
      .then(numberProof)
      .catch((error: unknown) => {
        proof = null;
        throw error;
      });
    return proof;
  };

  app.post(SYNC_PATHS.push, { bodyLimit: SYNC_LIMITS.bodyBytes }, async (request): Promise<PushResponse> => {
    const who = signedIn(request);
    const body = PushEnvelope.parse(request.body);
    assertOwnDevice(who, body.deviceId);
    const ctx = {
      deviceId: body.deviceId,
      userId: who.user.id,
      role: who.user.role,
      organisationId: who.user.organisationId ?? null,
      centerCode,
      policy,
      proof: await loadProof(),
      now: clock(),
    };
    // Applied in the device's order, whatever order the batch arrived in; a mutation delivered twice
    // in one batch meets its own ledger row the second time.
    const ordered = [...body.mutations].sort((a, b) => a.seq - b.seq);
    // Checked before the batch is applied: its own ledger rows must not hide an earlier loss.
    const lost = await lostSinceBackup(pool, {
      deviceId: body.deviceId,
      cursor: null,
      acknowledgedSeq: body.acknowledgedSeq,
    });
    const results = await applyBatch(pool, ctx, ordered);
    const epoch = await currentEpoch(pool);
    return lost === null ? { epoch, results } : { epoch, results, resync: lost };
  });

  app.post(SYNC_PATHS.pull, { bodyLimit: 8 * 1024 }, async (request) => {
    const who = signedIn(request);
    const body = PullRequest.parse(request.body);
    assertOwnDevice(who, body.deviceId);
    const cursor = decodeCursor(body.cursor);
    if (!cursor) {
      throw new HttpError(400, 'invalid_input', 'cursor: not a cursor issued by this server', {}, [
        { path: 'cursor', code: 'invalid_cursor', message: 'Expected <txid>.<id> as returned by a pull' },
      ]);
    }
    const page = await pull(pool, await loadProof(), {
      deviceId: body.deviceId,
      epoch: body.epoch,
      cursor,
      acknowledgedSeq: body.acknowledgedSeq,
      limit: body.limit,
      scope: pullScopeOf(who.user),
    });
    // Every read of personal data is audited; a page is one row naming what it carried.
    await auditPulledPage(pool, who.user.id, body.deviceId, page);
    return page;
  });
};
