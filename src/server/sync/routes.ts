// POST /api/v1/sync/push and /pull (src/shared/sync/protocol.ts). Registered by app.ts as
// `app.register(syncRoutes, { pool })`; the role check comes from the route table, and the handlers
// refuse a request without a signed-in user as well.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SessionUser } from '../../shared/sync/auth';
import { PullRequest, SYNC_LIMITS, SYNC_PATHS, type PushResponse } from '../../shared/sync/protocol';
import { HttpError, unauthorized } from '../errors';
import { applyBatch } from './applyMutation';
import { decodeCursor } from './cursor';
import { currentEpoch } from './epoch';
import { pull } from './pull';
import { lostSinceBackup } from './restoreCheck';
import { PushEnvelope } from './pushEnvelope';

export interface SyncRoutesOptions {
  pool: pg.Pool;
  /** The center's code in official numbers; default SERVER_CENTER_CODE or CENTER_CODE, else 1551. */
  centerCode?: string;
}

function signedIn(request: FastifyRequest): SessionUser {
  const user = (request as { user?: SessionUser }).user;
  if (!user) throw unauthorized();
  return user;
}

export const syncRoutes: FastifyPluginAsync<SyncRoutesOptions> = async (app, { pool, centerCode }) => {
  const center = centerCode ?? (process.env['SERVER_CENTER_CODE'] || process.env['CENTER_CODE'] || '1551');

  app.post(SYNC_PATHS.push, { bodyLimit: SYNC_LIMITS.bodyBytes }, async (request): Promise<PushResponse> => {
    const user = signedIn(request);
    const body = PushEnvelope.parse(request.body);
    const ctx = { deviceId: body.deviceId, userId: user.id, centerCode: center };
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

  app.post(SYNC_PATHS.pull, { bodyLimit: 64 * 1024 }, async (request) => {
    signedIn(request);
    const body = PullRequest.parse(request.body);
    const cursor = decodeCursor(body.cursor);
    if (!cursor) {
      throw new HttpError(400, 'invalid_input', 'cursor: not a cursor issued by this server', {}, [
        { path: 'cursor', code: 'invalid_cursor', message: 'Expected <txid>.<id> as returned by a pull' },
      ]);
    }
    return pull(pool, {
      deviceId: body.deviceId,
      epoch: body.epoch,
      cursor,
      acknowledgedSeq: body.acknowledgedSeq,
      limit: body.limit,
    });
  });
};
