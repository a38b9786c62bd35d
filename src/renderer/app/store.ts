// One store factory for the app and for tests. Async work lives in thunks and listener middleware;
// both receive the `Api` as their extra argument, so nothing imports a global `window.api`.
import {
  combineReducers,
  configureStore,
  createListenerMiddleware,
  type ThunkDispatch,
  type TypedStartListening,
  type UnknownAction,
} from '@reduxjs/toolkit';
import type { Api } from '../../shared/ipc/api';
import { appReducer } from './appSlice';
import { addAppListeners } from './appListeners';
import { navigationReducer } from './navigationSlice';
import { referenceReducer } from '../features/reference/referenceSlice';
import { intakeReducer } from '../features/intake/intakeSlice';
import { callerPanelReducer } from '../features/callerPanel/callerPanelSlice';
import { addCallerPanelListeners } from '../features/callerPanel/callerPanelListeners';
import { appealsReducer } from '../features/appeals/appealsSlice';
import { appealStatesReducer } from '../features/appeals/appealStateSlice';
import { worklistsReducer } from '../features/worklists/worklistsSlice';
import { addWorkListsListeners } from '../features/worklists/worklistsListeners';
import { backlogReducer } from '../features/backlog/backlogSlice';
import { addBacklogListeners } from '../features/backlog/backlogListeners';
import { floorReducer } from '../features/cockpit/floorSlice';
import { metricsReducer } from '../features/cockpit/metricsSlice';
import { addCockpitListeners } from '../features/cockpit/cockpitListeners';
import { callbackReducer } from '../features/callback/callbackSlice';
import { addCallbackListeners } from '../features/callback/callbackListeners';
import { addAppealsListeners } from '../features/appeals/appealsListeners';
import { consultationsReducer } from '../features/consultations/consultationsSlice';
import { addConsultationsListeners } from '../features/consultations/consultationsListeners';
import { authReducer } from '../features/auth/authSlice';
import { syncReducer } from '../features/sync/syncSlice';
import { softphoneReducer } from '../features/softphone/softphoneSlice';
import { addSoftphoneListeners, connectSoftphone } from '../features/softphone/softphoneListeners';
import { addScreenPopListeners } from '../features/softphone/screenPopListeners';
import { lookupsApi } from '../features/lookups/lookupsApi';
import { addLookupsListeners } from '../features/lookups/lookupsListeners';
import { suggestReducer } from '../features/suggest/suggestSlice';
import { addSuggestListeners } from '../features/suggest/suggestListeners';
import { incidentsReducer } from '../features/incidents/incidentsSlice';
import { addIncidentsListeners } from '../features/incidents/incidentsListeners';
import type { Softphone } from '../softphone/softphone';
import { SipJsSoftphone } from '../softphone/sipJsSoftphone';

export interface ThunkExtra {
  api: Api;
  /** The SIP.js adapter (outside Redux: it holds sessions and media streams). */
  softphone: Softphone;
}

export const rootReducer = combineReducers({
  app: appReducer,
  navigation: navigationReducer,
  reference: referenceReducer,
  intake: intakeReducer,
  callerPanel: callerPanelReducer,
  appeals: appealsReducer,
  appealStates: appealStatesReducer,
  worklists: worklistsReducer,
  backlog: backlogReducer,
  floor: floorReducer,
  metrics: metricsReducer,
  callback: callbackReducer,
  consultations: consultationsReducer,
  auth: authReducer,
  sync: syncReducer,
  softphone: softphoneReducer,
  suggest: suggestReducer,
  incidents: incidentsReducer,
  [lookupsApi.reducerPath]: lookupsApi.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;
export type AppDispatch = ThunkDispatch<RootState, ThunkExtra, UnknownAction>;
export type AppStartListening = TypedStartListening<RootState, AppDispatch, ThunkExtra>;

export interface StoreOptions {
  preloadedState?: Partial<RootState>;
  /** Debounce of the caller panel lookups; tests shorten it. */
  lookupDelayMs?: number;
  /** Debounce of the appeals search box. */
  searchDelayMs?: number;
  /** The softphone adapter; UI tests pass a fake. Default: SIP.js, idle until credentials arrive. */
  softphone?: Softphone;
}

export function makeStore(api: Api, options: StoreOptions = {}) {
  const extra: ThunkExtra = { api, softphone: options.softphone ?? new SipJsSoftphone() };
  const listeners = createListenerMiddleware({ extra });
  const start = listeners.startListening as AppStartListening;
  addAppListeners(start);
  addCallerPanelListeners(start, options.lookupDelayMs ?? 150);
  addAppealsListeners(start, options.searchDelayMs ?? 250);
  addConsultationsListeners(start);
  addWorkListsListeners(start);
  addBacklogListeners(start);
  addCockpitListeners(start);
  addCallbackListeners(start);
  addSoftphoneListeners(start);
  addScreenPopListeners(start);
  addLookupsListeners(start);
  addSuggestListeners(start);
  addIncidentsListeners(start, options.lookupDelayMs ?? 150);
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: options.preloadedState,
    middleware: (getDefault) =>
      getDefault({ thunk: { extraArgument: extra } })
        .prepend(listeners.middleware)
        .concat(lookupsApi.middleware),
  });
  connectSoftphone(store, extra.softphone);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
