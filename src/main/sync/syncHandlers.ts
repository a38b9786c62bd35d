// The sync and sign-in channels. Without a configured server the workstation works alone: no
// sign-in, and a sync state that says so.
import type { Handlers } from '../../shared/ipc/api';
import type { AuthSession, SyncStatus } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import type { Auth } from '../auth/authManager';
import type { SyncEngine } from './syncEngine';

export interface SyncParts {
  auth: Auth;
  engine: SyncEngine;
}

type SyncChannels =
  'sync:status' | 'sync:now' | 'sync:rejections' | 'auth:login' | 'auth:logout' | 'auth:session';

const standalone: SyncStatus = {
  configured: false,
  online: false,
  offlineSince: null,
  waiting: 0,
  rejected: 0,
  lastSyncAt: null,
  lastError: null,
  syncing: false,
};
const noServer: AuthSession = { serverConfigured: false, user: null, mode: null, message: null };

export function syncHandlers(parts: SyncParts | null): Pick<Handlers, SyncChannels> {
  if (parts === null) {
    return {
      'sync:status': () => ok(standalone),
      'sync:now': () => ok(standalone),
      'sync:rejections': () => ok({ items: [] }),
      'auth:login': () => ok(noServer),
      'auth:logout': () => ok(noServer),
      'auth:session': () => ok(noServer),
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
  };
}
