// The one IPC contract. Each `domain:verb` channel maps to its input and output schemas; main
// must implement every channel (see `Handlers`), the preload and the web host client expose
// exactly these as `window.api.<domain>.<verb>()`. Events are `domain:pastTense`.
import { z } from 'zod';
import {
  Address,
  Appeal,
  AppealDraft,
  AppealStatus,
  AppealSummary,
  AppealType,
  Classifier,
  Consultation,
  ConsultationDraft,
  CallScript,
  Executor,
  ExecutorContacts,
  ExecutorDirectory,
  LIMITS,
  Locale,
  Phone,
} from '../domain';
import { AppealAmendment } from '../domain/amendment';
import { AppealHistory } from '../domain/appealHistory';
import { LifecycleAction, lifecycleActionKinds } from '../domain/lifecycle';
import { BacklogRow, WorkListId } from '../domain/worklists';
import { changeRefusals } from '../sync/protocol';
import { SessionUser } from '../sync/auth';
import { AgentStateInput, AgentStatus, CallRecord, CallReport, SoftphoneConfig } from '../softphone';
import { AgentSnapshot } from '../softphone/agent';
import {
  AgentOverride,
  AgentOverrideInput,
  DayMetrics,
  FloorChange,
  FloorSnapshot,
  MetricsQuery,
} from '../queue';
import {
  IncidentActed,
  IncidentActInput,
  IncidentChange,
  IncidentDetail,
  IncidentLinkInput,
  IncidentLinkState,
  IncidentsNear,
  IncidentsNearInput,
  OpenIncidents,
} from './incidents';
import { SuggestAnswer, SuggestQuery } from './suggest';

const Empty = z.object({}).strict();
const Id = z.object({ id: z.string().min(1).max(64) }).strict();
const Cursor = z.string().max(200).nullable();
const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: Cursor });

export const AppealQuery = z
  .object({
    /** Full text over essence, applicant name and address (Ukrainian and Russian). */
    text: z.string().trim().max(LIMITS.searchQuery).default(''),
    statuses: z.array(AppealStatus).max(10).default([]),
    type: AppealType.nullable().default(null),
    categoryId: z.string().max(64).nullable().default(null),
    executorId: z.string().max(64).nullable().default(null),
    phone: z.union([z.literal(''), Phone]).default(''),
    onlyOverdue: z.boolean().default(false),
    onlyPriority: z.boolean().default(false),
    receivedFrom: z.iso.date().nullable().default(null),
    receivedTo: z.iso.date().nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: Cursor.default(null),
  })
  .strict();
export type AppealQueryInput = z.input<typeof AppealQuery>;
export type AppealQuery = z.output<typeof AppealQuery>;

export const RepeatProbeInput = z
  .object({
    applicantName: z.string().trim().min(1).max(LIMITS.fullName),
    phones: z.array(Phone).max(LIMITS.phonesPerApplicant).default([]),
    iin: z.string().max(12).default(''),
    address: Address.pick({ city: true, street: true, building: true }),
    categoryId: z.string().min(1).max(64),
  })
  .strict();

export const RepeatCheck = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('resolved_repeat'), previous: AppealSummary }),
  z.object({ kind: z.literal('open_duplicate'), previous: AppealSummary }),
]);
export type RepeatCheck = z.infer<typeof RepeatCheck>;

export const AppInfo = z.object({
  version: z.string(),
  deviceId: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  center: z.object({
    code: z.string(),
    name: z.string(),
    timeZone: z.string(),
    /** The center's own city: the intake form's default for the applicant's address. */
    city: z.string().optional(),
  }),
  ruleSet: z.enum(['ua', 'kz']),
  host: z.enum(['electron', 'web']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z
  .object({
    locale: Locale,
    theme: z.enum(['light', 'dark', 'system']),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/** The sync engine's state as the operator sees it (ARCHITECTURE.md, "Sync protocol"). */
export const SyncStatus = z.object({
  /** False when no central server is configured: the workstation works alone. */
  configured: z.boolean(),
  online: z.boolean(),
  offlineSince: z.string().nullable(),
  /** The signed-in user's own changes not on the server yet. */
  waiting: z.number().int().min(0),
  /**
   * Changes other users made here: each is pushed only under its author's sign-in, so they wait
   * until that user signs in on this workstation again.
   */
  waitingForOthers: z.number().int().min(0),
  rejected: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  syncing: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** A local change the server refused: kept and shown, never dropped. */
export const RejectedMutation = z.object({
  mutationId: z.string(),
  seq: z.number().int(),
  entityType: z.enum(['appeal', 'consultation', 'call']),
  entityId: z.string(),
  /** The provisional number of an appeal, the creation time of a consultation, a call's ring time. */
  label: z.string(),
  code: z.string(),
  message: z.string(),
  rejectedAt: z.string(),
});
export type RejectedMutation = z.infer<typeof RejectedMutation>;

export const AuthSession = z.object({
  serverConfigured: z.boolean(),
  user: SessionUser.nullable(),
  /** `offline`: signed in against the locally stored verifier while the server was unreachable. */
  mode: z.enum(['online', 'offline']).nullable(),
  /** Why the session ended or how it was made, for the login screen. */
  message: z.string().nullable(),
  /** The same as a code, which the screen says in the operator's language (`message` is English). */
  messageCode: z.enum(['offline_sign_in', 'session_ended']).nullable().optional(),
});
export type AuthSession = z.infer<typeof AuthSession>;

/**
 * Why main refused a sign-in, as the code of the error's one issue: the screen says it in the
 * operator's language. A refusal the server explains itself carries the server's code instead
 * (e.g. `rate_limited`).
 */
export const signInRefusals = [
  'wrong_credentials',
  'offline_wrong_password',
  'offline_never_signed_in',
] as const;
export type SignInRefusal = (typeof signInRefusals)[number];

/** The signed-in user's records not on the server yet, by kind: asked before signing out. */
export const PendingChanges = z.object({
  appeals: z.number().int().min(0),
  consultations: z.number().int().min(0),
  calls: z.number().int().min(0),
});
export type PendingChanges = z.infer<typeof PendingChanges>;

export const LoginInput = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

/**
 * A lifecycle step or an amendment made on this workstation and not yet decided by the server. The
 * appeal shows it and its work lists leave the appeal out until the server answers; a refused one
 * stays, with the reason, until the user dismisses it.
 */
export const PendingChange = z.object({
  mutationId: z.string(),
  kind: z.enum([...lifecycleActionKinds, 'amend']),
  createdAt: z.string(),
  state: z.enum(['waiting', 'rejected']),
  refusal: z.enum(changeRefusals).nullable(),
  message: z.string().nullable(),
});
export type PendingChange = z.infer<typeof PendingChange>;

/** An appeal as its detail screen shows it: the cached record and this workstation's pending changes. */
export const AppealState = z.object({ appeal: Appeal, pending: z.array(PendingChange) });
export type AppealState = z.infer<typeof AppealState>;

export const AppealActInput = z
  .object({ id: z.string().min(1).max(64), action: LifecycleAction, baseVersion: z.number().int().min(1) })
  .strict();
export const AppealAmendInput = z
  .object({ id: z.string().min(1).max(64), amendment: AppealAmendment, baseVersion: z.number().int().min(1) })
  .strict();

export const WorkListQuery = z
  .object({
    list: WorkListId,
    /** Narrows `open` (and the lead's other lists) to one executor, from the backlog. */
    executorId: z.string().max(64).nullable().default(null),
    onlyOverdue: z.boolean().default(false),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: Cursor.default(null),
  })
  .strict();
export type WorkListQueryInput = z.input<typeof WorkListQuery>;

export const WorkListPage = z.object({
  items: z.array(AppealSummary),
  nextCursor: Cursor,
  /** All appeals in the list (not only this page). */
  total: z.number().int().min(0),
});
export type WorkListPage = z.infer<typeof WorkListPage>;

const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const contract = {
  'app:info': channel(Empty, AppInfo),
  'settings:get': channel(Empty, Settings),
  'settings:update': channel(Settings.partial().strict(), Settings),
  'appeals:create': channel(AppealDraft.strict(), Appeal),
  'appeals:get': channel(Id, Appeal),
  'appeals:list': channel(AppealQuery, Page(AppealSummary)),
  'appeals:checkRepeat': channel(RepeatProbeInput, RepeatCheck),
  'appeals:state': channel(Id, AppealState),
  'appeals:act': channel(AppealActInput, AppealState),
  'appeals:amend': channel(AppealAmendInput, AppealState),
  'appeals:history': channel(Id, AppealHistory),
  /** Forgets a refused pending change once its user has read why. */
  'appeals:dismissPending': channel(z.object({ mutationId: z.string().min(1).max(64) }).strict(), Empty),
  'worklists:list': channel(WorkListQuery, WorkListPage),
  /** The signed-in role's lists (WORK_LISTS_OF) with their sizes. */
  'worklists:counts': channel(
    Empty,
    z.object({ counts: z.array(z.object({ list: WorkListId, total: z.number().int().min(0) })) }),
  ),
  /** Open, due soon and overdue by executor (lead, admin, analyst). */
  'worklists:backlog': channel(Empty, z.object({ rows: z.array(BacklogRow), asOf: z.string() })),
  'lookup:caller': channel(
    z.object({ phone: Phone, limit: z.number().int().min(1).max(100).default(20) }).strict(),
    z.object({ appeals: z.array(AppealSummary), consultations: z.array(Consultation) }),
  ),
  'lookup:building': channel(
    z
      .object({
        address: Address.pick({ city: true, street: true, building: true }),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    z.object({ openAppeals: z.array(AppealSummary) }),
  ),
  'consultations:create': channel(ConsultationDraft.strict(), Consultation),
  'consultations:list': channel(
    z.object({ limit: z.number().int().min(1).max(200).default(50), cursor: Cursor.default(null) }).strict(),
    Page(Consultation),
  ),
  'reference:classifier': channel(Empty, Classifier),
  'reference:executors': channel(Empty, ExecutorDirectory),
  /** Admin only, online only: the server keeps executor contacts and every workstation pulls them. */
  'reference:updateExecutor': channel(
    z.object({ id: z.string().min(1).max(64), contacts: ExecutorContacts }).strict(),
    Executor,
  ),
  'scripts:get': channel(
    z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9-]{1,40}$/)
          .default('intake'),
      })
      .strict(),
    CallScript,
  ),
  'sync:status': channel(Empty, SyncStatus),
  'sync:now': channel(Empty, SyncStatus),
  'sync:rejections': channel(Empty, z.object({ items: z.array(RejectedMutation) })),
  'auth:login': channel(LoginInput, AuthSession),
  'auth:logout': channel(Empty, AuthSession),
  'auth:session': channel(Empty, AuthSession),
  'auth:pendingChanges': channel(Empty, PendingChanges),
  'softphone:config': channel(Empty, SoftphoneConfig),
  'calls:save': channel(CallReport, CallRecord),
  'calls:get': channel(Id, CallRecord),
  'calls:list': channel(
    z.object({ limit: z.number().int().min(1).max(200).default(50), cursor: Cursor.default(null) }).strict(),
    Page(CallRecord),
  ),
  'agent:status': channel(Empty, AgentStatus),
  'agent:set': channel(AgentStateInput, AgentStatus),
  /** Team lead and admin: every agent and the call queue now (then `floor:changed` events). */
  'floor:snapshot': channel(Empty, FloorSnapshot),
  /** Team lead and admin, online only: set an agent's state, the reason recorded. */
  'floor:setAgentState': channel(
    AgentOverrideInput.extend({ userId: z.string().min(1).max(64) }).strict(),
    AgentSnapshot,
  ),
  /** Team lead, admin and analyst, online only: the day's figures by interval (GET /api/v1/queue/metrics). */
  'metrics:day': channel(MetricsQuery, DayMetrics),
  /** Open incidents at or near a building: a hint, never an error (offline: none, `reachable: false`). */
  'incidents:near': channel(IncidentsNearInput, IncidentsNear),
  /** Team lead and admin: every open incident (then `incidents:changed` events). */
  'incidents:open': channel(Empty, OpenIncidents),
  /** Team lead and admin, online only: one incident with its appeals. */
  'incidents:get': channel(Id, IncidentDetail),
  /** Links a registered appeal to an incident now, or as soon as the appeal reaches the server. */
  'incidents:link': channel(IncidentLinkInput, IncidentLinkState),
  /** Team lead and admin, online only: confirm, merge, split or close (409: another lead acted first). */
  'incidents:act': channel(IncidentActInput, IncidentActed),
  /** Category and executor suggestions for the essence typed so far (no model: `unavailable`, not an error). */
  'suggest:query': channel(SuggestQuery, SuggestAnswer),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

/**
 * Registered on this workstation: the record, and the call main linked it to (the call in progress
 * or in its wrap-up when it was registered), null when none was.
 */
const Created = z.object({ id: z.string(), callId: z.string().nullable() });
/** Brought or changed by sync (other workstations, the server): the records to read again. */
const Changed = z.object({ ids: z.array(z.string()) });

/** Events pushed from main to the renderer. */
export const events = {
  'appeals:created': Created,
  'appeals:changed': Changed,
  'consultations:created': Created,
  'consultations:changed': Changed,
  'sync:changed': SyncStatus,
  'auth:changed': AuthSession,
  'calls:saved': z.object({ id: z.string() }),
  'agent:changed': AgentStatus,
  'softphone:configChanged': SoftphoneConfig,
  /** The floor moved: one agent, the queue, or the live channel itself (deltas after `floor:snapshot`). */
  'floor:changed': FloorChange,
  /** A team lead set this operator's state (shown to the operator with the reason). */
  'agent:overridden': AgentOverride,
  /** An incident is new or changed, or the live channel that reports them went up or down. */
  'incidents:changed': IncidentChange,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const MAX_MESSAGE_BYTES = 256 * 1024;
