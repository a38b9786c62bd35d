// One round of sync: push the signed-in user's outbox in batches, then pull until the server has
// nothing more. Each change is pushed only under its author's sign-in: another user's changes stay
// queued until that user signs in here again, so offline work is never credited to the next user. Every server answer is applied in one SQLite transaction together with what it moves
// (outbox rows, the cursor), so a crash between two steps repeats a step and never loses one; the
// server's ledger turns a repeated push into `duplicate`.
import { type Appeal, type Consultation } from '../../shared/domain/appeal';
import { assertNever } from '../../shared/result';
import {
  PullResponse,
  PushResponse,
  SYNC_LIMITS,
  SYNC_PATHS,
  type Mutation,
} from '../../shared/sync/protocol';
import type { SessionUser } from '../../shared/sync/auth';
import { adoptUnauthored, enqueueMutation, isAppealChange, pendingMutationsOf } from '../core/db/outbox';
import {
  deleteMutation,
  finishResync,
  holdAppliedChange,
  insertPulledConsultation,
  markSeen,
  noteAcknowledged,
  noteAttempt,
  readSyncState,
  recordsServerLacks,
  rejectMutation,
  saveCursor,
  setOfficialNumber,
  startResync,
  upsertPulledAppeal,
  withdrawPulledAppeal,
} from './syncRepo';
import type { StoreWriter, WritableDB } from '../core/db/types';
import { joinUrl, requestJson, UnreachableError, type FetchFn, type HttpOutcome } from '../core/http';
import { entityTypesFor, toMutation } from './mapping';

export interface CycleDeps {
  store: StoreWriter;
  serverUrl: string;
  deviceId: string;
  getAccessToken: (o: { refresh: boolean }) => Promise<string | null>;
  /** Who is signed in now: only their changes are pushed. */
  currentUser: () => SessionUser | null;
  fetch: FetchFn;
  clock: () => Date;
  timeoutMs: number;
  pushBatch: number;
  /** Called before each push request (the watchdog measures from it). */
  onPushAttempt: () => void;
}

export interface ChangedRecords {
  appeals: string[];
  consultations: string[];
}

/** A failed round; `auth` means nobody is signed in or the session is no longer valid. */
export class SyncFailure extends Error {
  constructor(
    readonly kind: 'unreachable' | 'refused' | 'auth' | 'protocol',
    message: string,
    /** For `refused`: the HTTP status and the server's own code and message. */
    readonly refusal?: { status: number; code: string; message: string },
  ) {
    super(message);
  }
}

const NOT_SIGNED_IN = 'Not signed in: sign in to sync with the server';

async function tokenOf(d: CycleDeps, refresh: boolean): Promise<string | null> {
  try {
    return await d.getAccessToken({ refresh });
  } catch (e) {
    if (e instanceof UnreachableError) throw new SyncFailure('unreachable', e.message);
    throw e;
  }
}

/**
 * `author`: the user whose changes the body carries; the request is not sent under anyone else's
 * token (someone may have signed out and another in while the token was being renewed).
 */
async function call(d: CycleDeps, path: string, body: unknown, author?: string): Promise<unknown> {
  const checkAuthor = () => {
    if (author !== undefined && d.currentUser()?.id !== author)
      throw new SyncFailure('auth', 'The signed-in user changed: their own changes are pushed next');
  };
  let token = await tokenOf(d, false);
  if (token === null) throw new SyncFailure('auth', NOT_SIGNED_IN);
  checkAuthor();
  const post = (t: string): Promise<HttpOutcome> =>
    requestJson(joinUrl(d.serverUrl, path), body, { fetch: d.fetch, token: t, timeoutMs: d.timeoutMs });
  let outcome = await post(token);
  if (outcome.kind === 'client_error' && outcome.status === 401) {
    token = await tokenOf(d, true);
    if (token === null) throw new SyncFailure('auth', 'The session ended: sign in again to sync');
    checkAuthor();
    outcome = await post(token);
  }
  switch (outcome.kind) {
    case 'ok':
      return outcome.body;
    case 'unreachable':
      throw new SyncFailure('unreachable', outcome.message);
    case 'client_error':
      throw new SyncFailure(
        outcome.status === 401 ? 'auth' : 'refused',
        `The server refused ${path} (HTTP ${outcome.status} ${outcome.code}): ${outcome.message}`,
        { status: outcome.status, code: outcome.code, message: outcome.message },
      );
    default:
      return assertNever(outcome, 'http outcome');
  }
}

/** Pushes until the signed-in user's outbox is empty; notes the appeals whose official number arrived. */
export async function pushAll(d: CycleDeps, changed: ChangedRecords): Promise<void> {
  const { db, write } = d.store;
  const user = d.currentUser();
  if (user === null) throw new SyncFailure('auth', NOT_SIGNED_IN);
  // Changes queued with no author (before authors were recorded) go with this user, as they always
  // did, but only those the role may make: an analyst's sign-in leaves them to an operator's.
  write(() => adoptUnauthored(db, user.id, entityTypesFor(user.role)));
  for (;;) {
    const entries = pendingMutationsOf(db, user.id, d.pushBatch);
    if (entries.length === 0) return;
    const mutations: Mutation[] = [];
    const bySeq = new Map(entries.map((e) => [e.seq, e]));
    const at = d.clock().toISOString();
    write(() => {
      for (const entry of entries) {
        const mapped = toMutation(entry);
        if (mapped.ok) mutations.push(mapped.mutation);
        else rejectMutation(db, entry.seq, 'invalid', mapped.message, at);
      }
    });
    if (mutations.length === 0) continue;
    const { epoch, acknowledgedSeq } = readSyncState(db);
    d.onPushAttempt();
    let body: unknown;
    try {
      body = await call(
        d,
        SYNC_PATHS.push,
        { deviceId: d.deviceId, epoch, acknowledgedSeq, mutations },
        user.id,
      );
    } catch (e) {
      const seqs = mutations.map((m) => m.seq);
      // This account's role may not push at all (a server that checks roles per route). Retrying
      // cannot help, so the changes are shown as rejected with the server's reason instead of
      // waiting forever. Other refusals (a device mismatch, a malformed batch) are not about the
      // changes themselves: they stay queued and the reason is shown as the last error.
      if (e instanceof SyncFailure && e.refusal?.status === 403 && e.refusal.code === 'forbidden') {
        const reason = e.refusal.message;
        write(() => {
          for (const seq of seqs) rejectMutation(db, seq, 'forbidden', reason, at);
        });
        continue;
      }
      write(() => noteAttempt(db, seqs, (e as Error).message));
      throw e;
    }
    const parsed = PushResponse.safeParse(body);
    if (!parsed.success) throw new SyncFailure('protocol', 'The server answered a push in an unknown shape');
    let progressed = 0;
    write(() => {
      for (const result of parsed.data.results) {
        const entry = bySeq.get(result.seq);
        if (!entry || entry.mutationId !== result.mutationId) continue;
        progressed++;
        noteAcknowledged(db, entry.seq);
        switch (result.status) {
          case 'applied':
          case 'duplicate':
            if (isAppealChange(entry.entityType)) holdAppliedChange(db, entry.seq);
            deleteMutation(db, entry.seq);
            if (entry.entityType === 'appeal' && result.officialNumber !== null) {
              if (setOfficialNumber(db, entry.entityId, result.officialNumber, result.officialNumberProof))
                changed.appeals.push(entry.entityId);
            }
            break;
          case 'rejected':
            rejectMutation(
              db,
              entry.seq,
              result.reason.code,
              result.reason.message,
              at,
              result.reason.refusal ?? null,
            );
            break;
          default:
            assertNever(result, 'mutation result');
        }
        // A decided step or amendment: the appeal's pending changes are different now (a refused
        // one shows its reason, and the appeal is back in its work list).
        if (isAppealChange(entry.entityType)) changed.appeals.push(entry.entityId);
      }
      // A restored server answers with a new epoch, or says it lost what this device sent before:
      // pull everything again and re-send what it lacks (see protocol.ts, "Restore").
      if ((epoch !== null && parsed.data.epoch !== epoch) || parsed.data.resync !== undefined) {
        startResync(db);
        saveCursor(db, parsed.data.epoch, null);
      }
    });
    if (progressed === 0)
      throw new SyncFailure('protocol', 'The server answered a push without a result for any mutation');
  }
}

/** Pulls pages until the server has nothing more; a re-sync re-sends what the server lacks. */
export async function pullAll(d: CycleDeps, changed: ChangedRecords): Promise<void> {
  const { db, write } = d.store;
  let resyncAnswers = 0;
  for (;;) {
    const state = readSyncState(db);
    const body = await call(d, SYNC_PATHS.pull, {
      deviceId: d.deviceId,
      epoch: state.epoch,
      cursor: state.cursor,
      acknowledgedSeq: state.acknowledgedSeq,
      limit: SYNC_LIMITS.pullPage,
    });
    const parsed = PullResponse.safeParse(body);
    if (!parsed.success) throw new SyncFailure('protocol', 'The server answered a pull in an unknown shape');
    const page = parsed.data;
    if (
      page.status === 'resync' ||
      (state.epoch !== null && page.epoch !== state.epoch && !state.resyncing)
    ) {
      if (++resyncAnswers > 3) throw new SyncFailure('protocol', 'The server keeps asking for a re-sync');
      write(() => {
        startResync(db);
        saveCursor(db, page.epoch, null);
      });
      continue;
    }
    write(() => {
      for (const change of page.changes) {
        switch (change.kind) {
          case 'appeal':
            if (state.resyncing) markSeen(db, 'appeal', change.appeal.id);
            if (upsertPulledAppeal(db, change.appeal)) changed.appeals.push(change.appeal.id);
            break;
          case 'appeal_withdrawn':
            if (withdrawPulledAppeal(db, change.id)) changed.appeals.push(change.id);
            break;
          case 'consultation':
            if (state.resyncing) markSeen(db, 'consultation', change.consultation.id);
            if (insertPulledConsultation(db, change.consultation))
              changed.consultations.push(change.consultation.id);
            break;
          default:
            assertNever(change, 'change');
        }
      }
      saveCursor(db, page.epoch, page.cursor);
      if (!page.hasMore && state.resyncing) resendWhatServerLacks(db);
    });
    if (!page.hasMore) return;
  }
}

function resendWhatServerLacks(db: WritableDB): void {
  const lacks = recordsServerLacks(db);
  for (const record of lacks.appeals) {
    const appeal = JSON.parse(record) as Appeal;
    enqueueMutation(db, {
      entityType: 'appeal',
      entityId: appeal.id,
      op: 'create',
      payload: appeal,
      createdAt: appeal.createdAt,
      // The operator who registered it, whoever is signed in now: it waits for that sign-in.
      authorId: appeal.operatorId,
    });
  }
  for (const record of lacks.consultations) {
    const consultation = JSON.parse(record) as Consultation;
    enqueueMutation(db, {
      entityType: 'consultation',
      entityId: consultation.id,
      op: 'create',
      payload: consultation,
      createdAt: consultation.createdAt,
      authorId: consultation.operatorId,
    });
  }
  finishResync(db);
}
