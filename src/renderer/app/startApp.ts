import type { Api } from '../../shared/ipc/api';
import { appealSavedAnnounced } from '../features/appeals/appealsListeners';
import { connectionChanged } from './appSlice';
import { loadWorkstation } from './appThunks';
import { loadSession, sessionAnnounced } from '../features/auth/authSlice';
import { loadSyncStatus, syncStatusAnnounced } from '../features/sync/syncSlice';
import { makeStore, type StoreOptions } from './store';
import type { Connection } from './webApi';

/** Builds the store, wires the connection state and service events into it, and starts loading. */
export function startApp(api: Api, connection: Connection, options?: StoreOptions) {
  const store = makeStore(api, options);
  store.dispatch(connectionChanged(connection.getState()));
  connection.subscribe((state) => store.dispatch(connectionChanged(state)));
  api.on('appeals:saved', (payload) => store.dispatch(appealSavedAnnounced(payload)));
  api.on('auth:changed', (payload) => store.dispatch(sessionAnnounced(payload)));
  api.on('sync:changed', (payload) => store.dispatch(syncStatusAnnounced(payload)));
  void store.dispatch(loadWorkstation());
  void store.dispatch(loadSession());
  void store.dispatch(loadSyncStatus());
  return store;
}
