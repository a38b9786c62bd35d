// POST /api/v1/appeals/:id/transitions and .../amendments: the REST form of the sync protocol's
// appeal.transition and appeal.amend, for organisations that integrate their own systems. The
// change is decided and stored by the lifecycle (lifecycle/apply.ts) in one transaction with the
// Idempotency-Key's answer, so a retried request is applied once. Every answer but a malformed
// request (400) is kept for its key, refusals included: a retry learns the same.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../shared/sync/auth';
import type { ChangeRefusal } from '../../shared/sync/protocol';
import type { AppContext } from '../context';
import type { PoolClient } from '../db/pool';
import {
  applyLifecycleChange,
  type LifecycleChange,
  type LifecycleOutcome,
  type RejectionReason,
} from '../lifecycle/apply';
import { appealPolicy } from '../sync/serverOwned';
import { withRetriedTransaction } from '../sync/transaction';
import { AmendmentRequest, IdempotencyHeaders, TransitionRequest } from './changeSchemas';
import { claimKey, keepAnswer, requestDigest, type Answer } from './idempotency';
import { assignedTo } from './repository';
import { AppealIdParams } from './schemas';
import { organisationOf } from './scope';

/** How each refusal is answered: the appeal's state (409), the caller's right (403), the request (422). */
const REFUSAL_STATUS: Record<ChangeRefusal, 403 | 409 | 422> = {
  forbidden: 403,
  wrong_organisation: 403,
  stale_version: 409,
  not_allowed_now: 409,
  same_executor: 409,
  closed: 409,
  already_assigned: 409,
  reason_required: 422,
  deadline_out_of_range: 422,
  too_many_phones: 422,
};

const error = (statusCode: number, code: string, message: string): Answer => ({
  statusCode,
  body: { error: { code, message } } satisfies ApiError,
});

function refusalAnswer(reason: RejectionReason): Answer {
  if (reason.refusal) return error(REFUSAL_STATUS[reason.refusal], reason.refusal, reason.message);
  // Without a precise refusal: a role the step is not for, or a name the server does not know.
  return error(reason.code === 'forbidden' ? 403 : 422, reason.code, reason.message);
}

const answerOf = (outcome: LifecycleOutcome): Answer =>
  outcome.status === 'applied'
    ? { statusCode: 200, body: { appeal: outcome.appeal } }
    : refusalAnswer(outcome.reason);

export function appealChangeRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  const policy = appealPolicy(config.appeals);

  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    route: 'transition' | 'amendment',
    body: LifecycleChange,
  ) {
    // Lower case: the lifecycle finds the locked appeal by the id PostgreSQL gives back.
    const id = AppealIdParams.parse(request.params).id.toLowerCase();
    const key = IdempotencyHeaders.parse(request.headers)['idempotency-key']?.toLowerCase();
    const { user } = request;
    const organisationId = organisationOf(request);
    const run = async (client: PoolClient): Promise<Answer & { replayed: boolean }> => {
      if (key !== undefined) {
        const claim = await claimKey(client, user.id, key, requestDigest(route, id, body));
        if (claim.kind === 'replay') return { ...claim.answer, replayed: true };
        if (claim.kind === 'reused')
          return {
            ...error(
              422,
              'idempotency_key_reused',
              'This Idempotency-Key was sent before with another request: make a new key for each change',
            ),
            replayed: false,
          };
      }
      // Another organisation's appeal is answered as missing, as every read does.
      const visible = await client.query(
        `SELECT 1 FROM appeals WHERE id = $1 AND ($2::text IS NULL OR ${assignedTo('$2')})`,
        [id, organisationId],
      );
      const answer =
        visible.rowCount === 0
          ? error(404, 'not_found', `No appeal ${id}`)
          : answerOf(
              await applyLifecycleChange(
                client,
                { userId: user.id, role: user.role, organisationId: user.organisationId ?? null },
                id,
                body,
                { policy, now: new Date(), deviceId: null, via: 'api' },
              ),
            );
      if (key !== undefined) await keepAnswer(client, user.id, key, answer);
      return { ...answer, replayed: false };
    };
    const answer = await withRetriedTransaction(pool, run);
    if (key !== undefined) void reply.header('idempotent-replayed', String(answer.replayed));
    return reply.code(answer.statusCode).send(answer.body);
  }

  app.post('/api/v1/appeals/:id/transitions', (request, reply) =>
    change(request, reply, 'transition', TransitionRequest.parse(request.body)),
  );
  app.post('/api/v1/appeals/:id/amendments', (request, reply) =>
    change(request, reply, 'amendment', AmendmentRequest.parse(request.body)),
  );
}
