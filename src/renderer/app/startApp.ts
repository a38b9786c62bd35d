import type { Api } from '../../shared/ipc/api';
import { appealSavedAnnounced } from '../features/appeals/appealsListeners';
import { connectionChanged } from './appSlice';
import { loadWorkstation } from './appThunks';
import { makeStore, type StoreOptions } from './store';
import type { Connection } from './webApi';

/** Builds the store, wires the connection state and service events into it, and starts loading. */
export function startApp(api: Api, connection: Connection, options?: StoreOptions) {
  const store = makeStore(api, options);
  store.dispatch(connectionChanged(connection.getState()));
  connection.subscribe((state) => store.dispatch(connectionChanged(state)));
  api.on('appeals:saved', (payload) => store.dispatch(appealSavedAnnounced(payload)));
  void store.dispatch(loadWorkstation());
  return store;
}
