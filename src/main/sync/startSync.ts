// Builds sign-in and the sync engine for a workstation with a central server, and connects them
// to its event bus: local changes push soon, pulled changes refresh the screen.
import { pendingRecordsOf } from '../core/db/outbox';
import type { Store } from '../core/db/types';
import type { EventBus } from '../core/events';
import { createAuth } from '../auth';
import type { FetchFn } from '../core/http';
import { createSyncEngine, type SyncEngineOptions } from './syncEngine';
import type { SyncParts } from './syncHandlers';
import { createServerApi } from './serverApi';

export interface SyncSetup {
  serverUrl: string;
  fetch?: FetchFn;
  /** Engine timing (tests shorten it). */
  tuning?: Pick<SyncEngineOptions, 'backoff' | 'pollMs' | 'watchdogMs' | 'requestTimeoutMs' | 'random'>;
}

/** Ids one pulled page names in its event: beyond them the screen is not told record by record. */
const MAX_EVENTS_PER_ROUND = 50;

export function startSync(
  setup: SyncSetup,
  w: { store: Store; deviceId: string; events: EventBus; clock: () => Date },
): SyncParts {
  const store = { db: w.store.db, write: w.store.write };
  const auth = createAuth({
    store,
    serverUrl: setup.serverUrl,
    deviceId: w.deviceId,
    fetch: setup.fetch,
    clock: w.clock,
    // A renewal stuck in a silent partition holds up the whole round: it times out like any request.
    timeoutMs: setup.tuning?.requestTimeoutMs,
  });
  const engine = createSyncEngine({
    ...setup.tuning,
    store,
    serverUrl: setup.serverUrl,
    deviceId: w.deviceId,
    clock: w.clock,
    fetch: setup.fetch,
    getAccessToken: (o) => auth.getAccessToken(o),
    currentUser: () => auth.session().user,
    onRecordsChanged: (changed) => {
      if (changed.appeals.length > 0)
        w.events.emit('appeals:changed', { ids: changed.appeals.slice(0, MAX_EVENTS_PER_ROUND) });
      if (changed.consultations.length > 0)
        w.events.emit('consultations:changed', { ids: changed.consultations.slice(0, MAX_EVENTS_PER_ROUND) });
    },
  });
  w.events.on((event) => {
    // Registered here: push it soon. Announced by a round in progress (sync's own changes), the
    // kick only republishes the status, as the waiting count may have changed.
    if (
      event === 'appeals:created' ||
      event === 'appeals:changed' ||
      event === 'consultations:created' ||
      event === 'consultations:changed'
    )
      engine.kick();
  });
  engine.onState((status) => w.events.emit('sync:changed', status));
  auth.onChange((session) => {
    w.events.emit('auth:changed', session);
    if (session.user !== null) void engine.syncNow();
  });
  engine.start();
  const pendingChanges = () => {
    const user = auth.session().user;
    return user ? pendingRecordsOf(store.db, user.id) : { appeals: 0, consultations: 0, calls: 0 };
  };
  const serverApi = createServerApi({
    serverUrl: setup.serverUrl,
    auth,
    engine,
    fetch: setup.fetch,
    timeoutMs: setup.tuning?.requestTimeoutMs,
  });
  return { auth, engine, pendingChanges, serverApi };
}
