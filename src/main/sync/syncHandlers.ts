// The sync and sign-in channels. Without a configured server the workstation works alone: no
// sign-in, and a sync state that says so.
import type { Handlers } from '../../shared/ipc/api';
import type { AuthSession, PendingChanges, SyncStatus } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import type { Auth } from '../auth';
import type { SyncEngine } from './syncEngine';
import type { ServerApi } from '../core/serverApi';

export interface SyncParts {
  auth: Auth;
  engine: SyncEngine;
  /** The signed-in user's records not on the server yet (none when nobody is signed in). */
  pendingChanges: () => PendingChanges;
  /** The server's REST API under the signed-in user's token. */
  serverApi: ServerApi;
}

type SyncChannels =
  | 'sync:status'
  | 'sync:now'
  | 'sync:rejections'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:session'
  | 'auth:pendingChanges';

const standalone: SyncStatus = {
  configured: false,
  online: false,
  offlineSince: null,
  waiting: 0,
  waitingForOthers: 0,
  rejected: 0,
  lastSyncAt: null,
  lastError: null,
  syncing: false,
};
const noServer: AuthSession = { serverConfigured: false, user: null, mode: null, message: null };
const nothingPending: PendingChanges = { appeals: 0, consultations: 0, calls: 0 };

export function syncHandlers(parts: SyncParts | null): Pick<Handlers, SyncChannels> {
  if (parts === null) {
    return {
      'sync:status': () => ok(standalone),
      'sync:now': () => ok(standalone),
      'sync:rejections': () => ok({ items: [] }),
      'auth:login': () => ok(noServer),
      'auth:logout': () => ok(noServer),
      'auth:session': () => ok(noServer),
      'auth:pendingChanges': () => ok(nothingPending),
    };
  }
  const { auth, engine } = parts;
  return {
    'sync:status': () => ok(engine.status()),
    'sync:now': async () => ok(await engine.syncNow()),
    'sync:rejections': () => ok({ items: engine.rejections() }),
    'auth:login': ({ username, password }) => auth.login(username, password),
    'auth:logout': async () => ok(await auth.logout()),
    'auth:session': () => ok(auth.session()),
    'auth:pendingChanges': () => ok(parts.pendingChanges()),
  };
}
