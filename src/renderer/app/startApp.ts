import type { Api } from '../../shared/ipc/api';
import { loadWorkstation } from './appThunks';
import { loadSession } from '../features/auth/authSlice';
import { loadSyncStatus } from '../features/sync/syncSlice';
import { bridgeMainEvents } from './eventBridge';
import { makeStore, type StoreOptions } from './store';
import type { Connection } from './webApi';

/** Builds the store, wires the connection state and service events into it, and starts loading. */
export function startApp(api: Api, connection: Connection, options?: StoreOptions) {
  const store = makeStore(api, options);
  bridgeMainEvents(store, api, connection);
  void store.dispatch(loadWorkstation());
  void store.dispatch(loadSession());
  void store.dispatch(loadSyncStatus());
  return store;
}
