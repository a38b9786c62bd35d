// The sync wire protocol between a workstation and the central server (ARCHITECTURE.md, "Sync
// protocol"). Both sides validate every message with these schemas.
//
// Exactly once: every mutation carries (deviceId, seq) and a mutationId. The server records both in
// a ledger in the same PostgreSQL transaction as the change, so a retried, duplicated or reordered
// delivery is answered `duplicate` with the original outcome and changes nothing. Creating an
// appeal is also idempotent by the appeal's own id (a UUIDv7 made on the workstation).
//
// Never skip on pull: the server's change log is ordered by (txid, id) where txid is the writing
// transaction's xid8. A pull returns only rows whose txid is below the xmin of the server's current
// snapshot (every transaction below it has finished), after the client's cursor (txid, id). Any
// transaction still running has txid >= xmin > the cursor's txid, so when it commits its rows sort
// after the cursor and are delivered by a later pull. (An id-only cursor would skip them: ids are
// taken in insert order, not commit order.)
//
// Restore: a server database restored from a backup forgets changes clients have seen. The server
// notices it without help: a client's cursor names the last change_log row it received (its txid,
// id and creation time), and its `acknowledgedSeq` names the last ledger row the server answered
// for it; if either row is gone, the server lost what this client holds. A client that received
// nothing after the backup lost nothing. The restore procedure also renews the epoch, which tells
// every client at once, and a cursor ahead of the transaction counter is refused. Whatever the
// trigger, the client re-syncs from scratch, keeps its pending outbox, and re-sends the local
// records the server no longer has, with the official numbers already given to citizens.
import { z } from 'zod';
import { AppealAmendment, type AmendmentRefusal } from '../domain/amendment';
import { Appeal, Consultation } from '../domain/appeal';
import { LifecycleAction, lifecycleRefusals } from '../domain/lifecycle';
import { Instant, Uuid } from '../domain/storable';
import { CallRecord } from '../softphone/calls';
import type { Role } from './auth';

export const SYNC_LIMITS = { pushBatch: 200, pullPage: 500, bodyBytes: 4 * 1024 * 1024 } as const;

export const DeviceId = Uuid;

/**
 * The fields of an appeal the server owns, listed here once. The assigned ones only the server
 * gives: the official number and the lifecycle; a create does not carry them. The decided ones a
 * create carries as the workstation's proposal and the server decides again
 * (src/server/sync/serverOwned.ts): the day received, and the deadline and priority the law derives
 * from it. The operator is the account that pushed, whatever the device says, and the number's
 * proof is the server's signature. A pulled appeal's owned fields replace the workstation's.
 */
export const SERVER_ASSIGNED_APPEAL_FIELDS = [
  'officialNumber',
  'status',
  'result',
  'version',
  'updatedAt',
  'lifecycle',
] as const satisfies readonly (keyof Appeal)[];
export const SERVER_DECIDED_APPEAL_FIELDS = [
  'receivedOn',
  'deadlineOn',
  'deadlineRule',
  'priority',
] as const satisfies readonly (keyof Appeal)[];
export const SERVER_OWNED_APPEAL_FIELDS = [
  ...SERVER_ASSIGNED_APPEAL_FIELDS,
  'officialNumberProof',
  ...SERVER_DECIDED_APPEAL_FIELDS,
  'operatorId',
] as const satisfies readonly (keyof Appeal)[];

export type ServerAssignedAppealFields = Pick<Appeal, (typeof SERVER_ASSIGNED_APPEAL_FIELDS)[number]>;
export type ServerDecidedAppealFields = Pick<Appeal, (typeof SERVER_DECIDED_APPEAL_FIELDS)[number]>;
export type ServerOwnedAppealFields = Pick<Appeal, (typeof SERVER_OWNED_APPEAL_FIELDS)[number]>;

/** The server's owned fields of an appeal (an absent proof stays present as undefined). */
export const serverOwnedFieldsOf = (appeal: Appeal): ServerOwnedAppealFields =>
  Object.fromEntries(SERVER_OWNED_APPEAL_FIELDS.map((k) => [k, appeal[k]])) as ServerOwnedAppealFields;

const maskOf = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, true])) as Record<K, true>;

/** What a workstation sends for a new appeal: its record without the fields the server assigns. */
export const AppealCreatePayload = Appeal.omit(maskOf(SERVER_ASSIGNED_APPEAL_FIELDS))
  .extend({
    /**
     * Only on a re-send after a restore: the number the server gave before it lost the appeal. It
     * is kept when no other appeal holds it, so the citizen's number stays valid.
     */
    officialNumber: Appeal.shape.officialNumber.optional(),
  })
  .strict();
export type AppealCreatePayload = z.infer<typeof AppealCreatePayload>;

/** A device's numbering of its mutations: from 1, never reused until a re-sync. */
export const MutationSeq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const base = {
  mutationId: Uuid,
  seq: MutationSeq,
  entityId: Uuid,
  createdAt: Instant,
  /**
   * The signed-in user who made the change on the workstation. The server applies a mutation only
   * for its author's own sign-in; anyone else's push of it is rejected `forbidden`, so work done
   * offline is never credited to whoever signs in next.
   */
  authorId: Uuid,
};

/** The version of the appeal the author saw: a change made meanwhile rejects this one `conflict`. */
const BaseVersion = z.number().int().min(1).max(2_147_483_647);

/** One lifecycle step on the appeal `entityId` (lifecycle.ts decides it again on the server). */
export const AppealTransitionPayload = z
  .object({ action: LifecycleAction, baseVersion: BaseVersion })
  .strict();
export type AppealTransitionPayload = z.infer<typeof AppealTransitionPayload>;

/** A correction or supplement of the appeal `entityId` (amendment.ts). */
export const AppealAmendPayload = z.object({ amendment: AppealAmendment, baseVersion: BaseVersion }).strict();
export type AppealAmendPayload = z.infer<typeof AppealAmendPayload>;

export const Mutation = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('appeal.create'), payload: AppealCreatePayload }).strict(),
  z.object({ ...base, type: z.literal('appeal.transition'), payload: AppealTransitionPayload }).strict(),
  z.object({ ...base, type: z.literal('appeal.amend'), payload: AppealAmendPayload }).strict(),
  z.object({ ...base, type: z.literal('consultation.create'), payload: Consultation.strict() }).strict(),
  /** A call record, sent at each local change; the server keeps the highest version. */
  z.object({ ...base, type: z.literal('call.upsert'), payload: CallRecord }).strict(),
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationType = Mutation['type'];
export const MUTATION_TYPES = Mutation.options.map((o) => o.shape.type.value);

/** Who may make each kind of change (checked per mutation on the server, and before saving locally). */
export const MUTATION_ROLES: Record<MutationType, readonly Role[]> = {
  'appeal.create': ['operator', 'feedback', 'team_lead', 'admin'],
  // Who may take which step is lifecycle.ts's TRANSITIONS; this is everyone who takes any.
  'appeal.transition': ['analyst', 'feedback', 'team_lead', 'admin', 'executor'],
  'appeal.amend': ['operator', 'analyst', 'feedback', 'team_lead', 'admin'],
  'consultation.create': ['operator', 'feedback', 'team_lead', 'admin'],
  'call.upsert': ['operator', 'feedback', 'team_lead', 'admin'],
};

/**
 * The highest seq the server answered for this device since its last re-sync (null: none): the
 * server checks its ledger still has that row (see "Restore" above).
 */
export const AcknowledgedSeq = z.number().int().min(1).nullable().optional();

/**
 * The push body around a schema of its mutations. The server reads a push with loose mutations
 * first (src/server/sync/pushEnvelope.ts) and checks each on its own, so one bad mutation is
 * rejected alone; the body around them is the same.
 */
export const pushRequestOf = <M extends z.ZodType>(mutation: M) =>
  z
    .object({
      deviceId: DeviceId,
      /** The server epoch the client last synced with; null on a device's first sync. */
      epoch: z.string().max(64).nullable(),
      acknowledgedSeq: AcknowledgedSeq,
      mutations: z.array(mutation).min(1).max(SYNC_LIMITS.pushBatch),
    })
    .strict();

export const PushRequest = pushRequestOf(Mutation);
export type PushRequest = z.infer<typeof PushRequest>;

export const rejectionCodes = ['invalid', 'unknown_reference', 'conflict', 'forbidden'] as const;
export const changeRefusals = [
  ...lifecycleRefusals,
  // amendment.ts's own refusals (its `forbidden` is the lifecycle's):
  'closed',
  'already_assigned',
  'too_many_phones',
  /** The appeal changed since the author saw it (another user acted first). */
  'stale_version',
] as const;
export type ChangeRefusal = (typeof changeRefusals)[number];
// Every amendment refusal has its name in the list above.
const _amendmentRefusalsListed: readonly ChangeRefusal[] = [] as AmendmentRefusal[];
void _amendmentRefusalsListed;
const answerTo = { mutationId: Uuid, seq: z.number().int() };
const numbered = {
  officialNumber: z.string().nullable(),
  /** The server's signature of (id, officialNumber): kept with the appeal for a re-send after a restore. */
  officialNumberProof: z.string().optional(),
};
export const MutationResult = z.discriminatedUnion('status', [
  z.object({ ...answerTo, status: z.literal('applied'), ...numbered }),
  /** Already applied by an earlier delivery: the original outcome is repeated. */
  z.object({ ...answerTo, status: z.literal('duplicate'), ...numbered }),
  /** Never silently dropped: stored on the server and shown to the operator and team lead. */
  z.object({
    ...answerTo,
    status: z.literal('rejected'),
    reason: z.object({
      code: z.enum(rejectionCodes),
      message: z.string(),
      /**
       * For a lifecycle step or an amendment: the precise refusal (lifecycle.ts, amendment.ts, or
       * `stale_version`), which the screen names in the user's language.
       */
      refusal: z.enum(changeRefusals).optional(),
    }),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  epoch: z.string(),
  results: z.array(MutationResult),
  /** Set when the server lost what this device had sent before (a restore): re-sync from scratch. */
  resync: z.string().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Opaque to clients; the server encodes `<txid>.<id>.<created-at µs>` of the last row in it. */
export const SyncCursor = z
  .string()
  .max(100)
  .regex(/^[\w.:-]*$/);

export const PullRequest = z
  .object({
    deviceId: DeviceId,
    epoch: z.string().max(64).nullable(),
    cursor: SyncCursor.nullable(),
    acknowledgedSeq: AcknowledgedSeq,
    limit: z.number().int().min(1).max(SYNC_LIMITS.pullPage).default(SYNC_LIMITS.pullPage),
  })
  .strict();
export type PullRequest = z.input<typeof PullRequest>;

/** The server's view of an appeal: the workstation's record plus what the server owns. */
export const ServerAppeal = Appeal;
export type ServerAppeal = z.infer<typeof ServerAppeal>;

export const Change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('appeal'), appeal: ServerAppeal }),
  /**
   * To an executor account only: an appeal its organisation had was forwarded elsewhere, so the
   * workstation forgets it (an executor sees only what is assigned to it).
   */
  z.object({ kind: z.literal('appeal_withdrawn'), id: Uuid }),
  z.object({ kind: z.literal('consultation'), consultation: Consultation }),
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    epoch: z.string(),
    changes: z.array(Change),
    cursor: SyncCursor,
    /** True when more changes are ready now: pull again at once. */
    hasMore: z.boolean(),
  }),
  /** The server's database is not the one the cursor came from: re-sync from scratch. */
  z.object({ status: z.literal('resync'), epoch: z.string(), reason: z.string() }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

export const SYNC_PATHS = { push: '/api/v1/sync/push', pull: '/api/v1/sync/pull' } as const;
