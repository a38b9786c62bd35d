// The workstation's sync engine: runs sync rounds (syncCycle.ts) on a schedule, backs off with
// full jitter while the server is unreachable, and keeps a watchdog that proves the outbox drains:
// while entries wait and the server answers, a push is attempted at least every `watchdogMs`.
import { assertNever } from '../../shared/result';
import type { RejectedMutation, SyncStatus } from '../../shared/ipc/contract';
import type { SessionUser } from '../../shared/sync/auth';
import { countPendingFor, recordKindOf, type OutboxEntityType } from '../core/db/outbox';
import { getAppeal } from '../appeals';
import { countRejected, listRejected, readSyncState, recordOutcome, bindServer } from './syncRepo';
import type { ReadableDB, StoreWriter } from '../core/db/types';
import { DEFAULT_BACKOFF, type FetchFn } from '../core/http';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff';
import { pullAll, pushAll, SyncFailure, type ChangedRecords } from './syncCycle';
import { SYNC_LIMITS } from '../../shared/sync/protocol';

export interface SyncEngineOptions {
  store: StoreWriter;
  serverUrl: string;
  deviceId: string;
  /** The current access token; `refresh: true` after a 401. null: nobody is signed in. */
  getAccessToken: (o: { refresh: boolean }) => Promise<string | null>;
  /** Who is signed in: only their changes are pushed, and counted as waiting. */
  currentUser: () => SessionUser | null;
  clock?: () => Date;
  fetch?: FetchFn;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Pause between rounds while all is well (pulls the server's changes). */
  pollMs?: number;
  watchdogMs?: number;
  requestTimeoutMs?: number;
  pushBatch?: number;
  /** Records this engine changed (official numbers, pulled appeals), for the UI to refresh. */
  onRecordsChanged?: (changed: ChangedRecords) => void;
}

export interface SyncEngine {
  start(): void;
  stop(): Promise<void>;
  /** One round now, whatever the backoff; resolves with the state after it. */
  syncNow(): Promise<SyncStatus>;
  /** A local change was queued: push soon (unless the server is known to be down). */
  kick(): void;
  status(): SyncStatus;
  rejections(limit?: number): RejectedMutation[];
  onState(listener: (status: SyncStatus) => void): () => void;
}

export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const { db, write } = o.store;
  const clock = o.clock ?? (() => new Date());
  const random = o.random ?? Math.random;
  // A server-side change reaches the screen within one poll plus a round trip: 1 s keeps that
  // under the 2 s (p95) target; an empty pull is one indexed query.
  const pollMs = o.pollMs ?? 1_000;
  const watchdogMs = o.watchdogMs ?? 3_000;
  const listeners = new Set<(s: SyncStatus) => void>();
  write(() => bindServer(db, o.serverUrl));

  let online = false;
  let offlineSince: string | null = null;
  let syncing = false;
  let failures = 0;
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;
  let lastPushAttempt = 0;
  let lastEmitted = '';
  let closed = false;
  let last: SyncStatus | null = null;

  /** The signed-in user's own queue: what this session can push (others' changes wait for them). */
  const ownWaiting = () => countPendingFor(db, o.currentUser()?.id ?? null).mine;
  const status = (): SyncStatus => {
    // After stop() the store may be closed: the last known state is all there is.
    if (closed && last) return last;
    const state = readSyncState(db);
    const queue = countPendingFor(db, o.currentUser()?.id ?? null);
    return (last = {
      configured: true,
      online,
      offlineSince,
      waiting: queue.mine,
      waitingForOthers: queue.others,
      rejected: countRejected(db),
      lastSyncAt: state.lastSuccessAt,
      lastError: state.lastError,
      syncing,
    });
  };
  const emit = () => {
    if (closed) return;
    const s = status();
    const key = JSON.stringify(s);
    if (key === lastEmitted) return;
    lastEmitted = key;
    for (const l of listeners) l(s);
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, ms);
    timer.unref?.();
  };

  async function round(): Promise<void> {
    const changed: ChangedRecords = { appeals: [], consultations: [] };
    const deps = {
      store: o.store,
      serverUrl: o.serverUrl,
      deviceId: o.deviceId,
      getAccessToken: o.getAccessToken,
      currentUser: o.currentUser,
      fetch: o.fetch ?? fetch,
      clock,
      // Short enough that a request caught in a silent partition gives way soon after the network heals
      // (the outbox must drain within 5 s of healing); a pull page is at most ~1 MB.
      timeoutMs: o.requestTimeoutMs ?? 5_000,
      pushBatch: o.pushBatch ?? SYNC_LIMITS.pushBatch,
      onPushAttempt: () => {
        lastPushAttempt = Date.now();
      },
    };
    try {
      // Push, pull, and push again what a re-sync found missing, until the outbox stays empty.
      for (let i = 0; i < 3; i++) {
        await pushAll(deps, changed);
        await pullAll(deps, changed);
        if (ownWaiting() === 0) break;
      }
      if (!online) offlineSince = null;
      online = true;
      failures = 0;
      write(() => recordOutcome(db, clock().toISOString(), null));
    } catch (e) {
      const failure = e instanceof SyncFailure ? e : new SyncFailure('protocol', (e as Error).message);
      failures++;
      // A server that answers (even with a refusal) is online; only silence or a 5xx is offline.
      if (failure.kind === 'unreachable') {
        if (online || offlineSince === null) offlineSince = clock().toISOString();
        online = false;
      } else if (failure.kind !== 'auth') {
        online = true;
        offlineSince = null;
      }
      if (!stopped) write(() => recordOutcome(db, clock().toISOString(), failure.message));
    } finally {
      if (changed.appeals.length > 0 || changed.consultations.length > 0) o.onRecordsChanged?.(changed);
    }
  }

  function run(): Promise<void> {
    if (running) return running;
    syncing = true;
    emit();
    running = round()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        syncing = false;
        if (stopped) return;
        const waiting = ownWaiting();
        schedule(
          failures === 0
            ? waiting > 0
              ? 0
              : pollMs
            : backoffDelay(failures, random, o.backoff ?? DEFAULT_BACKOFF),
        );
        emit();
      });
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
      watchdog = setInterval(
        () => {
          if (stopped || running || !online) return;
          if (Date.now() - lastPushAttempt < watchdogMs) return;
          if (ownWaiting() > 0) void run();
        },
        Math.max(100, Math.floor(watchdogMs / 2)),
      );
      watchdog.unref?.();
    },
    async stop() {
      stopped = true;
      closed = true;
      if (timer) clearTimeout(timer);
      if (watchdog) clearInterval(watchdog);
      timer = null;
      watchdog = null;
      if (running) await running.catch(() => undefined);
    },
    async syncNow() {
      if (running) await running;
      if (stopped) return status();
      failures = 0;
      await run();
      return status();
    },
    kick() {
      if (stopped) return;
      emit();
      if (!running && failures === 0) schedule(20);
    },
    status,
    rejections(limit = 200) {
      return listRejected(db, limit).map((r) => ({
        mutationId: r.mutationId,
        seq: r.seq,
        entityType: recordKindOf(r.entityType),
        entityId: r.entityId,
        label: labelOf(db, r.entityType, r.entityId, r.payload),
        code: r.code,
        message: r.message,
        rejectedAt: r.rejectedAt,
      }));
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * What the operator recognises a refused record by: an appeal's number (for a refused step, the
 * number of the appeal it was taken on), else when it was made.
 */
function labelOf(db: ReadableDB, entityType: OutboxEntityType, entityId: string, payload: string): string {
  const record = JSON.parse(payload) as { provisionalNumber?: string; createdAt?: string; ringAt?: string };
  switch (entityType) {
    case 'appeal':
      return record.provisionalNumber ?? '';
    case 'appeal_transition':
    case 'appeal_amend': {
      const appeal = getAppeal(db, entityId);
      return appeal ? (appeal.officialNumber ?? appeal.provisionalNumber) : '';
    }
    case 'consultation':
      return record.createdAt ?? '';
    case 'call':
      return record.ringAt ?? '';
    default:
      return assertNever(entityType, 'entity type');
  }
}
