// Acting on an appeal and amending it (issue 12): checked at once against the cached appeal with
// the same rules the server applies (lifecycle.ts, amendment.ts) and against the version the user
// saw, then queued for the server, which decides. The cached record is not changed here: the pull
// brings the state the server decided, moments later when online. Until then the appeal shows the
// change as pending and leaves its work lists.
import { applyAmendment, type AppealAmendment } from '../../shared/domain/amendment';
import type { Appeal } from '../../shared/domain/appeal';
import {
  applyToAppeal,
  DEFAULT_LIFECYCLE_POLICY,
  type Actor,
  type LifecycleAction,
  type LifecyclePolicy,
} from '../../shared/domain/lifecycle';
import { localDateOf } from '../../shared/domain/localDate';
import type { AppealState } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { SessionUser } from '../../shared/sync/auth';
import type { AppealAmendPayload, AppealTransitionPayload } from '../../shared/sync/protocol';
import { getAppeal } from '../appeals';
import { authorFor } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import { enqueueMutation, type AppealChangeType } from '../core/db/outbox';
import { dismissRejectedChange, hasWaitingChange, pendingChangesOf } from './pendingRepo';
import { refused, STALE_MESSAGE } from './refusals';

export const LIFECYCLE_MESSAGES = {
  noServer:
    'No central server is configured: it decides every change to a registered appeal, so none can be made here',
  waiting: 'A change to this appeal is still waiting for the server: act again once it has been decided',
  stillWaiting: 'This change is still waiting for the server and cannot be dismissed',
} as const;

/** The center's lifecycle rules: the defaults, under this workstation's law. */
export const policyOf = (ctx: ServiceContext): LifecyclePolicy => ({
  ...DEFAULT_LIFECYCLE_POLICY,
  ruleSet: ctx.config.ruleSet,
});

function stateOf(ctx: ServiceContext, appeal: Appeal): AppealState {
  return { appeal, pending: pendingChangesOf(ctx.db, appeal.id) };
}

export function appealState(ctx: ServiceContext, id: string): Result<AppealState> {
  const appeal = getAppeal(ctx.db, id);
  return appeal ? ok(stateOf(ctx, appeal)) : fail('not_found', `No appeal "${id}"`);
}

/** The signed-in user who may queue this kind of change, and the cached appeal at the version seen. */
function checkedTarget(
  ctx: ServiceContext,
  type: 'appeal.transition' | 'appeal.amend',
  id: string,
  baseVersion: number,
): Result<{ user: SessionUser; appeal: Appeal }> {
  const who = ctx.signer();
  if (who.kind === 'no_server') return fail('forbidden', LIFECYCLE_MESSAGES.noServer);
  const author = authorFor(who, type);
  if (!author.ok) return author;
  if (who.kind !== 'signed_in') return fail('unauthorized', 'Sign in first');
  const appeal = getAppeal(ctx.db, id);
  if (!appeal) return fail('not_found', `No appeal "${id}"`);
  if (baseVersion !== appeal.version) return refused('stale_version', STALE_MESSAGE);
  // Two changes on one base version: the server would take the first and refuse the second stale.
  if (hasWaitingChange(ctx.db, id)) return fail('conflict', LIFECYCLE_MESSAGES.waiting);
  return ok({ user: who.user, appeal });
}

function queue(
  ctx: ServiceContext,
  type: AppealChangeType,
  appeal: Appeal,
  payload: AppealTransitionPayload | AppealAmendPayload,
  authorId: string,
): AppealState {
  const state = ctx.write(() => {
    enqueueMutation(ctx.db, {
      entityType: type,
      entityId: appeal.id,
      op: 'change',
      payload,
      createdAt: ctx.clock().toISOString(),
      authorId,
    });
    return stateOf(ctx, appeal);
  });
  // Screens refresh (the appeal leaves its work lists) and sync pushes at once.
  ctx.events.emit('appeals:changed', { ids: [appeal.id] });
  return state;
}

export function actOnAppeal(
  ctx: ServiceContext,
  input: { id: string; action: LifecycleAction; baseVersion: number },
): Result<AppealState> {
  const target = checkedTarget(ctx, 'appeal.transition', input.id, input.baseVersion);
  if (!target.ok) return target;
  const { user, appeal } = target.value;
  if (input.action.kind === 'assign' && !ctx.reference.executorById.has(input.action.executorId)) {
    const message = `No executor "${input.action.executorId}" in the reference data`;
    return fail('invalid_input', message, [
      { path: 'action.executorId', code: 'unknown_reference', message },
    ]);
  }
  const actor: Actor = { role: user.role, organisationId: user.organisationId ?? null };
  const now = ctx.clock();
  const decided = applyToAppeal(appeal, input.action, actor, {
    today: localDateOf(now, ctx.config.center.timeZone),
    now,
    policy: policyOf(ctx),
  });
  if (!decided.ok) return refused(decided.code, decided.message);
  return ok(
    queue(
      ctx,
      'appeal_transition',
      appeal,
      { action: input.action, baseVersion: input.baseVersion },
      user.id,
    ),
  );
}

export function amendAppeal(
  ctx: ServiceContext,
  input: { id: string; amendment: AppealAmendment; baseVersion: number },
): Result<AppealState> {
  const target = checkedTarget(ctx, 'appeal.amend', input.id, input.baseVersion);
  if (!target.ok) return target;
  const { user, appeal } = target.value;
  const decided = applyAmendment(appeal, input.amendment, { id: user.id, role: user.role }, ctx.clock());
  if (!decided.ok) return refused(decided.code, decided.message);
  return ok(
    queue(
      ctx,
      'appeal_amend',
      appeal,
      { amendment: input.amendment, baseVersion: input.baseVersion },
      user.id,
    ),
  );
}

export function dismissPending(ctx: ServiceContext, mutationId: string): Result<Record<string, never>> {
  const outcome = ctx.write(() => dismissRejectedChange(ctx.db, mutationId));
  if (!outcome.dismissed)
    return outcome.waiting
      ? fail('conflict', LIFECYCLE_MESSAGES.stillWaiting)
      : fail('not_found', `No refused change "${mutationId}"`);
  ctx.events.emit('appeals:changed', { ids: [outcome.appealId] });
  return ok({});
}
