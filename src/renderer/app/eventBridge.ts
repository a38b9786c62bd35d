// The one place where the world outside the renderer enters the store: each event main pushes
// (`events` in src/shared/ipc/contract.ts) and the connection's state become actions here, and
// features react to those actions in their listeners. The table is typed over every event name, so
// an event added to the contract does not compile until it is given its actions (or none, said why).
import type { Api } from '../../shared/ipc/api';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { appealCreatedAnnounced, appealsChangedAnnounced } from '../features/appeals/appealsListeners';
import { sessionAnnounced } from '../features/auth/authSlice';
import {
  consultationCreatedAnnounced,
  consultationsChangedAnnounced,
} from '../features/consultations/consultationsSlice';
import { floorChanged } from '../features/cockpit/floorSlice';
import {
  agentOverrideAnnounced,
  agentStatusLoaded,
  configLoaded,
} from '../features/softphone/softphoneSlice';
import { syncStatusAnnounced } from '../features/sync/syncSlice';
import { incidentsChanged } from '../features/incidents/incidentsSlice';
import { connectionChanged } from './appSlice';
import type { AppDispatch } from './store';
import type { Connection } from './webApi';

type EventActions = { [E in EventName]: (payload: EventPayload<E>, dispatch: AppDispatch) => void };

export const eventActions: EventActions = {
  // Lists, the open detail, the saved panel and the lookups' cache refresh on both; a record
  // created here names the call main linked it to, which the softphone's record then shows.
  'appeals:created': (payload, dispatch) => dispatch(appealCreatedAnnounced(payload)),
  'appeals:changed': (payload, dispatch) => dispatch(appealsChangedAnnounced(payload)),
  'consultations:created': (payload, dispatch) => dispatch(consultationCreatedAnnounced(payload)),
  'consultations:changed': (payload, dispatch) => dispatch(consultationsChangedAnnounced(payload)),
  'sync:changed': (payload, dispatch) => dispatch(syncStatusAnnounced(payload)),
  'auth:changed': (payload, dispatch) => dispatch(sessionAnnounced(payload)),
  // The pane keeps the record it saved itself; no screen shows call records from elsewhere.
  'calls:saved': () => undefined,
  'agent:changed': (payload, dispatch) => dispatch(agentStatusLoaded(payload)),
  'softphone:configChanged': (payload, dispatch) => dispatch(configLoaded(payload)),
  // The lead's board: one agent, the queue or the live channel moved (deltas after floor:snapshot).
  'floor:changed': (payload, dispatch) => dispatch(floorChanged(payload)),
  // A lead set this operator's state: the notice says who and why (the state itself comes as agent:changed).
  'agent:overridden': (payload, dispatch) => dispatch(agentOverrideAnnounced(payload)),
  // An incident formed or changed: the lead's list and alert, and every operator's hint re-reads.
  'incidents:changed': (payload, dispatch) => dispatch(incidentsChanged(payload)),
};

/** Subscribes the store to every event of main and to the connection; returns the unsubscribe. */
export function bridgeMainEvents(
  store: { dispatch: AppDispatch },
  api: Api,
  connection: Pick<Connection, 'getState' | 'subscribe'>,
): () => void {
  const { dispatch } = store;
  dispatch(connectionChanged(connection.getState()));
  const bridge = <E extends EventName>(event: E) =>
    api.on(event, (payload) => eventActions[event](payload, dispatch));
  const unsubscribe = [
    connection.subscribe((state) => dispatch(connectionChanged(state))),
    ...(Object.keys(eventActions) as EventName[]).map(bridge),
  ];
  return () => unsubscribe.forEach((u) => u());
}
