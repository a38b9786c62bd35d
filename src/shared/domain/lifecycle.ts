// The appeal's life after registration (DOMAIN.md, "Lifecycle seen in Kyiv 1551"), one state machine
// that the workstation (to offer only what is allowed, and to apply a change offline) and the server
// (to decide, in the transaction that stores it) both run:
//
//   registered -> assigned (to an executor organisation) -> in_progress -> answered by the executor
//   = awaiting_control_check -> accepted = awaiting_applicant_check -> closed when the citizen
//   confirms; returned for rework by the control check or by the citizen -> rework -> answered again.
//
// A transition is refused with a code the UI can name, never half-applied. The appeal's version is
// the caller's to compare (the server does it in its UPDATE); this module decides only from the state.
import { z } from 'zod';
import type { Role } from '../sync/auth';
import { AttachmentMeta, ClosingResult, LIMITS, type Appeal, type AppealStatus } from './appeal';
import { MAX_UA_TERM_DAYS, type RuleSetId } from './deadlines';
import { addDays, addMonths, daysBetween, type LocalDate } from './localDate';
import { CalendarDate, StorableLine, StorableText } from './storable';

/** What the feedback operator heard when calling the citizen back. */
export const callbackOutcomes = ['confirmed', 'not_solved', 'no_answer', 'wrong_number'] as const;
export const CallbackOutcome = z.enum(callbackOutcomes);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

const reason = StorableText.trim().min(1).max(2000);
const executorId = StorableLine.trim().min(1).max(64);

export const LifecycleAction = z.discriminatedUnion('kind', [
  /** Routed to an executor organisation; `reason` is required when it moves to another one. */
  z.object({ kind: z.literal('assign'), executorId, reason: reason.optional() }).strict(),
  /** The executor takes the appeal into work. */
  z.object({ kind: z.literal('start') }).strict(),
  /** The executor's answer: what was done, in words. */
  z
    .object({
      kind: z.literal('answer'),
      result: ClosingResult,
      text: reason,
      /** Documents behind the answer (an inspection act, a photo): their metadata, not the files. */
      attachments: z.array(AttachmentMeta).max(LIMITS.attachments).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('control_accept') }).strict(),
  z.object({ kind: z.literal('control_return'), reason }).strict(),
  z.object({ kind: z.literal('callback'), outcome: CallbackOutcome, note: reason.optional() }).strict(),
  /** A new deadline, within the law's ceiling; the citizen must be told (recorded, not optional). */
  z
    .object({
      kind: z.literal('extend'),
      deadlineOn: CalendarDate,
      reason,
      citizenToBeTold: z.literal(true),
    })
    .strict(),
  /** An executor asks for more time; an analyst decides with `extend`. */
  z.object({ kind: z.literal('request_extension'), days: z.number().int().min(1).max(62), reason }).strict(),
]);
export type LifecycleAction = z.infer<typeof LifecycleAction>;
export type LifecycleActionKind = LifecycleAction['kind'];
export const lifecycleActionKinds = LifecycleAction.options.map((o) => o.shape.kind.value) as [
  LifecycleActionKind,
  ...LifecycleActionKind[],
];

/** The part of an appeal the lifecycle reads and writes. */
export interface LifecycleState {
  status: AppealStatus;
  executorId: string;
  result: ClosingResult | null;
  receivedOn: LocalDate;
  deadlineOn: LocalDate;
  /** The day it was first routed to an executor (Art. 7: forwarding is allowed within 5 days of it). */
  assignedOn: LocalDate | null;
  reworkRounds: number;
  callbackAttempts: number;
  nextCallbackAt: string | null;
  /** Whether the citizen can be called back (an anonymous appeal or one without a phone cannot). */
  hasPhone: boolean;
}

/** What the center decides for itself (workstation.json / server configuration). */
export interface LifecyclePolicy {
  ruleSet: RuleSetId;
  /** Unanswered callbacks before `afterFailedCallbacks` applies. */
  maxCallbackAttempts: number;
  /** Minutes to wait before each retry; the last value repeats. */
  callbackRetryMinutes: readonly number[];
  /** After the last failed callback: close with the executor's result, or send it back to control. */
  afterFailedCallbacks: 'close' | 'return_to_control';
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  ruleSet: 'ua',
  maxCallbackAttempts: 3,
  callbackRetryMinutes: [60, 240, 24 * 60],
  afterFailedCallbacks: 'close',
};

/** Who acts: their role and, for an executor account, the organisation it belongs to. */
export interface Actor {
  role: Role;
  /** An executor account's organisation (an executor id); null or absent for the center's staff. */
  organisationId?: string | null;
}

export const lifecycleRefusals = [
  'not_allowed_now',
  'forbidden',
  'wrong_organisation',
  'same_executor',
  'reason_required',
  'deadline_out_of_range',
] as const;
export type LifecycleRefusal = (typeof lifecycleRefusals)[number];

export type TransitionOutcome =
  | { ok: true; state: LifecycleState; lateForward?: true }
  | { ok: false; code: LifecycleRefusal; message: string };

const DISPATCHERS: readonly Actor['role'][] = ['analyst', 'team_lead', 'admin'];
const CALLERS_BACK: readonly Actor['role'][] = ['feedback', 'team_lead', 'admin'];
const EXECUTORS: readonly Actor['role'][] = ['executor', 'analyst', 'team_lead', 'admin'];

/** Who may take each action, and from which statuses. */
export const TRANSITIONS: Record<
  LifecycleActionKind,
  { roles: readonly Actor['role'][]; from: readonly AppealStatus[] }
> = {
  assign: { roles: DISPATCHERS, from: ['registered', 'assigned', 'in_progress'] },
  start: { roles: EXECUTORS, from: ['assigned', 'rework'] },
  answer: { roles: EXECUTORS, from: ['assigned', 'in_progress', 'rework'] },
  control_accept: { roles: DISPATCHERS, from: ['awaiting_control_check'] },
  control_return: { roles: DISPATCHERS, from: ['awaiting_control_check'] },
  callback: { roles: CALLERS_BACK, from: ['awaiting_applicant_check'] },
  extend: {
    roles: DISPATCHERS,
    from: ['registered', 'assigned', 'in_progress', 'rework', 'awaiting_control_check'],
  },
  request_extension: { roles: ['executor'], from: ['assigned', 'in_progress', 'rework'] },
};

/** Art. 7: an appeal outside a body's competence is forwarded within five days. */
export const FORWARD_WITHIN_DAYS = 5;

const refuse = (code: LifecycleRefusal, message: string): TransitionOutcome => ({ ok: false, code, message });

/** The latest deadline the law allows: 45 days from receipt in Ukraine, two months in Kazakhstan. */
export function deadlineCeiling(receivedOn: LocalDate, ruleSet: RuleSetId): LocalDate {
  return ruleSet === 'ua' ? addDays(receivedOn, MAX_UA_TERM_DAYS) : addMonths(receivedOn, 2);
}

/** Whether `actor` may take `kind` now: the check the UI uses to offer an action at all. */
export function mayAct(state: LifecycleState, kind: LifecycleActionKind, actor: Actor): boolean {
  const rule = TRANSITIONS[kind];
  if (!rule.roles.includes(actor.role) || !rule.from.includes(state.status)) return false;
  return actor.role !== 'executor' || actor.organisationId === state.executorId;
}

/**
 * Applies one action: the next state, or why not. `today` and `now` are the deciding side's clock
 * (the server's, for the stored result).
 */
export function transition(
  state: LifecycleState,
  action: LifecycleAction,
  actor: Actor,
  context: { today: LocalDate; now: Date; policy: LifecyclePolicy },
): TransitionOutcome {
  const rule = TRANSITIONS[action.kind];
  if (!rule.roles.includes(actor.role))
    return refuse('forbidden', `A ${actor.role} may not ${action.kind.replace('_', ' ')} an appeal`);
  if (actor.role === 'executor' && actor.organisationId !== state.executorId)
    return refuse('wrong_organisation', 'This appeal is assigned to another organisation');
  if (!rule.from.includes(state.status))
    return refuse('not_allowed_now', `Not allowed while the appeal is ${state.status.replaceAll('_', ' ')}`);
  switch (action.kind) {
    case 'assign':
      return assign(state, action, context.today);
    case 'start':
      return { ok: true, state: { ...state, status: 'in_progress' } };
    case 'answer':
      return { ok: true, state: { ...state, status: 'awaiting_control_check', result: action.result } };
    case 'control_accept':
      // Nobody to call back: the control check is the last word.
      return {
        ok: true,
        state: { ...state, status: state.hasPhone ? 'awaiting_applicant_check' : 'closed' },
      };
    case 'control_return':
      return { ok: true, state: { ...state, status: 'rework', reworkRounds: state.reworkRounds + 1 } };
    case 'callback':
      return callback(state, action.outcome, context.now, context.policy);
    case 'extend':
      return extend(state, action.deadlineOn, context);
    case 'request_extension':
      return { ok: true, state };
  }
}

function assign(
  state: LifecycleState,
  action: Extract<LifecycleAction, { kind: 'assign' }>,
  today: LocalDate,
): TransitionOutcome {
  if (state.status === 'registered')
    return {
      ok: true,
      state: { ...state, status: 'assigned', executorId: action.executorId, assignedOn: today },
    };
  if (action.executorId === state.executorId)
    return refuse('same_executor', 'The appeal is already with this executor');
  if (!action.reason) return refuse('reason_required', 'Forwarding to another executor needs a reason');
  const forwarded: LifecycleState = { ...state, status: 'assigned', executorId: action.executorId };
  const late = state.assignedOn !== null && daysBetween(state.assignedOn, today) > FORWARD_WITHIN_DAYS;
  return late ? { ok: true, state: forwarded, lateForward: true } : { ok: true, state: forwarded };
}

function callback(
  state: LifecycleState,
  outcome: CallbackOutcome,
  now: Date,
  policy: LifecyclePolicy,
): TransitionOutcome {
  if (outcome === 'confirmed')
    return { ok: true, state: { ...state, status: 'closed', nextCallbackAt: null } };
  if (outcome === 'not_solved')
    return {
      ok: true,
      state: { ...state, status: 'rework', reworkRounds: state.reworkRounds + 1, nextCallbackAt: null },
    };
  // No answer, or a number that is not the citizen's: counted; a wrong number will not improve.
  const attempts = outcome === 'wrong_number' ? policy.maxCallbackAttempts : state.callbackAttempts + 1;
  if (attempts < policy.maxCallbackAttempts) {
    const waits = policy.callbackRetryMinutes;
    const minutes = waits[Math.min(attempts - 1, waits.length - 1)] ?? 60;
    const nextCallbackAt = new Date(now.getTime() + minutes * 60_000).toISOString();
    return { ok: true, state: { ...state, callbackAttempts: attempts, nextCallbackAt } };
  }
  const status: AppealStatus = policy.afterFailedCallbacks === 'close' ? 'closed' : 'awaiting_control_check';
  return { ok: true, state: { ...state, status, callbackAttempts: attempts, nextCallbackAt: null } };
}

function extend(
  state: LifecycleState,
  deadlineOn: LocalDate,
  context: { today: LocalDate; policy: LifecyclePolicy },
): TransitionOutcome {
  const ceiling = deadlineCeiling(state.receivedOn, context.policy.ruleSet);
  if (deadlineOn <= state.deadlineOn || deadlineOn < context.today || deadlineOn > ceiling)
    return refuse(
      'deadline_out_of_range',
      `The new deadline must be after ${state.deadlineOn} and no later than ${ceiling}`,
    );
  return { ok: true, state: { ...state, deadlineOn } };
}

/** The lifecycle's view of a stored appeal. */
export function lifecycleStateOf(appeal: Appeal): LifecycleState {
  return {
    status: appeal.status,
    executorId: appeal.executorId,
    result: appeal.result,
    receivedOn: appeal.receivedOn,
    deadlineOn: appeal.deadlineOn,
    assignedOn: appeal.lifecycle.assignedOn,
    reworkRounds: appeal.lifecycle.reworkRounds,
    callbackAttempts: appeal.lifecycle.callbackAttempts,
    nextCallbackAt: appeal.lifecycle.nextCallbackAt,
    hasPhone: appeal.applicant.phones.length > 0,
  };
}

export type AppealTransitionOutcome =
  { ok: true; appeal: Appeal; lateForward?: true } | { ok: false; code: LifecycleRefusal; message: string };

/**
 * The appeal after `action`, or why not: the state machine's decision plus what the action records
 * (the executor's words, the reason for a return, an extension asked for). The version and
 * `updatedAt` are the storing side's to set.
 */
export function applyToAppeal(
  appeal: Appeal,
  action: LifecycleAction,
  actor: Actor,
  context: { today: LocalDate; now: Date; policy: LifecyclePolicy },
): AppealTransitionOutcome {
  const decided = transition(lifecycleStateOf(appeal), action, actor, context);
  if (!decided.ok) return decided;
  const s = decided.state;
  const at = context.now.toISOString();
  const lifecycle = {
    ...appeal.lifecycle,
    assignedOn: s.assignedOn,
    reworkRounds: s.reworkRounds,
    callbackAttempts: s.callbackAttempts,
    nextCallbackAt: s.nextCallbackAt,
  };
  switch (action.kind) {
    case 'answer':
      lifecycle.answer = {
        result: action.result,
        text: action.text,
        at,
        ...(action.attachments?.length ? { attachments: action.attachments } : {}),
      };
      lifecycle.callbackAttempts = 0;
      lifecycle.nextCallbackAt = null;
      break;
    case 'control_return':
      lifecycle.returnReason = action.reason;
      break;
    case 'callback':
      if (action.outcome === 'not_solved')
        lifecycle.returnReason = action.note ?? 'The citizen says it is not solved';
      break;
    case 'request_extension':
      lifecycle.extensionRequest = { days: action.days, reason: action.reason, at };
      break;
    case 'extend':
      lifecycle.extensionRequest = null;
      lifecycle.extendedOn = context.today;
      break;
    default:
      break;
  }
  const next: Appeal = {
    ...appeal,
    status: s.status,
    executorId: s.executorId,
    result: s.result,
    deadlineOn: s.deadlineOn,
    ...(action.kind === 'extend'
      ? { deadlineRule: context.policy.ruleSet === 'ua' ? 'ua_extended_45' : 'kz_extended' }
      : {}),
    lifecycle,
  };
  return decided.lateForward ? { ok: true, appeal: next, lateForward: true } : { ok: true, appeal: next };
}
