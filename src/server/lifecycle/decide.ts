// What one lifecycle step or amendment does to a stored appeal, decided by the shared rules
// (src/shared/domain/lifecycle.ts, amendment.ts) with the server's clock and policy. Pure: the
// caller (apply.ts) locks the appeal, checks its version and stores what is decided here.
import { buildingKey, type Appeal, type AppealStatus } from '../../shared/domain/appeal';
import { applyAmendment, type AppealAmendment } from '../../shared/domain/amendment';
import type { TermKind } from '../../shared/domain/deadlines';
import { applyToAppeal, type LifecycleAction } from '../../shared/domain/lifecycle';
import type { LocalDate } from '../../shared/domain/localDate';
import type { Role } from '../../shared/sync/auth';
import type { ChangeRefusal, MutationResult } from '../../shared/sync/protocol';
import { decideDeadline, type AppealPolicy } from '../sync/serverOwned';

/** A step of the lifecycle or an amendment, made on the version of the appeal its author saw. */
export type LifecycleChange =
  { action: LifecycleAction; baseVersion: number } | { amendment: AppealAmendment; baseVersion: number };

/** Who makes the change: the signed-in user, and for an executor account its organisation. */
export interface LifecycleActor {
  userId: string;
  role: Role;
  organisationId: string | null;
}

export type RejectionReason = Extract<MutationResult, { status: 'rejected' }>['reason'];

/** How each refusal is answered (protocol.ts rejection codes); the refusal itself travels beside. */
export const REFUSAL_CODES: Record<ChangeRefusal, RejectionReason['code']> = {
  forbidden: 'forbidden',
  wrong_organisation: 'forbidden',
  not_allowed_now: 'conflict',
  same_executor: 'conflict',
  stale_version: 'conflict',
  reason_required: 'invalid',
  deadline_out_of_range: 'invalid',
  closed: 'invalid',
  already_assigned: 'invalid',
  too_many_phones: 'invalid',
};

export const refused = (refusal: ChangeRefusal, message: string): RejectionReason => ({
  code: REFUSAL_CODES[refusal],
  message,
  refusal,
});

const ROLE_WORDS: Record<Role, string> = {
  operator: 'an operator',
  analyst: 'an analyst',
  feedback: 'a feedback operator',
  team_lead: 'a team lead',
  admin: 'an administrator',
  executor: 'the executor',
};

/** The answer to a change made on an old version: who changed it meanwhile, by role only. */
export function staleVersion(by: Role | null, stored: number, base: number): RejectionReason {
  const who = by === null ? 'someone else' : ROLE_WORDS[by];
  return refused(
    'stale_version',
    `The appeal was changed meanwhile by ${who} (version ${stored}; this change was made on version ${base}): look at it again and repeat the change if it is still needed`,
  );
}

/**
 * The executor organisation that holds the appeal: none while it is registered (the executor named
 * then is only the classifier's suggestion), its executor from the assignment on.
 */
export const holderOf = (a: Pick<Appeal, 'status' | 'executorId'>): string | null =>
  a.status === 'registered' ? null : a.executorId;

export interface DecideContext {
  policy: AppealPolicy;
  now: Date;
  /** The center's day at `now`. */
  today: LocalDate;
  /** A category's term (an unknown category counts the standard term, as on create). */
  termOf(categoryId: string): TermKind;
  executorExists(executorId: string): boolean;
}

/** What is stored for one applied change (store.ts). */
export interface DecidedChange {
  /** The appeal after the change, its version raised by one. */
  appeal: Appeal;
  kind: 'transition' | 'amend';
  statusBefore: AppealStatus;
  /** The history row's `change`: the action or the amendment as made, and what the server added. */
  change: Record<string, unknown>;
  /** The audit row's details: what happened, never personal data (no names, phones, reasons or text). */
  audit: Record<string, unknown>;
  /** The organisation that holds the appeal now, and the one that held it before if that differs. */
  holder: string | null;
  previousHolder: string | null;
}

export type Decision = { ok: true; decided: DecidedChange } | { ok: false; reason: RejectionReason };

/** Decides `change` on `current` (already checked to be at the change's base version). */
export function decideChange(
  current: Appeal,
  change: LifecycleChange,
  actor: LifecycleActor,
  ctx: DecideContext,
): Decision {
  const decided =
    'action' in change
      ? transitionOf(current, change.action, actor, ctx)
      : amendmentOf(current, change.amendment, actor, ctx);
  if (!decided.ok) return decided;
  const { next, kind, change: what, audit } = decided;
  const appeal: Appeal = { ...next, version: current.version + 1, updatedAt: ctx.now.toISOString() };
  const holder = holderOf(appeal);
  const before = holderOf(current);
  return {
    ok: true,
    decided: {
      appeal,
      kind,
      statusBefore: current.status,
      change: what,
      audit: {
        kind,
        version: appeal.version,
        statusBefore: current.status,
        statusAfter: appeal.status,
        ...audit,
      },
      holder,
      previousHolder: before !== holder ? before : null,
    },
  };
}

type Step =
  | {
      ok: true;
      next: Appeal;
      kind: DecidedChange['kind'];
      change: Record<string, unknown>;
      audit: Record<string, unknown>;
    }
  | { ok: false; reason: RejectionReason };

function transitionOf(
  current: Appeal,
  action: LifecycleAction,
  actor: LifecycleActor,
  ctx: DecideContext,
): Step {
  const outcome = applyToAppeal(
    current,
    action,
    { role: actor.role, organisationId: actor.organisationId },
    { today: ctx.today, now: ctx.now, policy: ctx.policy.lifecycle },
  );
  if (!outcome.ok) return { ok: false, reason: refused(outcome.code, outcome.message) };
  if (action.kind === 'assign' && !ctx.executorExists(action.executorId))
    return {
      ok: false,
      reason: { code: 'unknown_reference', message: `No executor ${action.executorId} in the directory` },
    };
  const forwarded = outcome.appeal.executorId !== current.executorId;
  const late = outcome.lateForward === true;
  return {
    ok: true,
    next: outcome.appeal,
    kind: 'transition',
    change: {
      action,
      ...(forwarded ? { executorBefore: current.executorId } : {}),
      // Art. 7: forwarding is due within five days of the first assignment; a later one is on record.
      ...(late ? { lateForward: true } : {}),
    },
    audit: {
      action: action.kind,
      ...(action.kind === 'assign'
        ? { executorId: action.executorId, executorBefore: current.executorId }
        : {}),
      ...(action.kind === 'answer' ? { result: action.result } : {}),
      ...(action.kind === 'callback' ? { outcome: action.outcome } : {}),
      ...(action.kind === 'extend' ? { deadlineOn: action.deadlineOn } : {}),
      ...(late ? { lateForward: true } : {}),
    },
  };
}

function amendmentOf(
  current: Appeal,
  amendment: AppealAmendment,
  actor: LifecycleActor,
  ctx: DecideContext,
): Step {
  const outcome = applyAmendment(current, amendment, { id: actor.userId, role: actor.role }, ctx.now);
  if (!outcome.ok) return { ok: false, reason: refused(outcome.code, outcome.message) };
  let next = outcome.appeal;
  // Another category may have another term: the deadline is decided again, as on create
  // (serverOwned.ts). A deadline already extended is never shortened by it.
  const recategorised = next.categoryId !== current.categoryId;
  if (recategorised) {
    const deadline = decideDeadline(
      { receivedOn: current.receivedOn, benefit: current.benefit },
      ctx.termOf(next.categoryId),
      ctx.policy,
    );
    if (current.lifecycle.extendedOn === null || deadline.deadlineOn > current.deadlineOn)
      next = {
        ...next,
        deadlineOn: deadline.deadlineOn,
        deadlineRule: deadline.rule,
        priority: deadline.priority,
      };
  }
  const corrected = Object.keys(amendment.corrections ?? {}).sort();
  return {
    ok: true,
    next,
    kind: 'amend',
    change: {
      amendment,
      ...(outcome.phonesAdded.length > 0 ? { phonesAdded: outcome.phonesAdded } : {}),
      ...(next.deadlineOn !== current.deadlineOn
        ? { deadlineBefore: current.deadlineOn, deadlineOn: next.deadlineOn }
        : {}),
    },
    audit: {
      corrected,
      supplement: amendment.supplement !== undefined,
      phonesAdded: outcome.phonesAdded.length,
      ...(next.deadlineOn !== current.deadlineOn ? { deadlineOn: next.deadlineOn } : {}),
    },
  };
}

/** The appeals columns that follow the record (filters, work lists, the building index). */
export function appealColumns(appeal: Appeal) {
  return {
    id: appeal.id,
    status: appeal.status,
    result: appeal.result,
    version: appeal.version,
    type: appeal.type,
    category_id: appeal.categoryId,
    executor_id: appeal.executorId,
    deadline_on: appeal.deadlineOn,
    priority: appeal.priority,
    next_callback_at: appeal.lifecycle.nextCallbackAt,
    building_key: buildingKey(appeal.applicant.address),
  };
}
