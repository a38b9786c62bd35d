import type { AppStartListening } from '../../app/store';
import { appealSavedAnnounced } from '../appeals/appealsListeners';
import { consultationSavedAnnounced } from '../consultations/consultationsSlice';
import { lookupsApi } from './lookupsApi';

/**
 * Main announced a change (an appeal registered here, or brought by sync): every lookup that may
 * hold it is stale. Entries on screen refetch at once, the others when next shown.
 */
export function addLookupsListeners(start: AppStartListening): void {
  start({
    actionCreator: appealSavedAnnounced,
    effect: (_action, listener) => {
      listener.dispatch(lookupsApi.util.invalidateTags(['Appeals']));
    },
  });
  start({
    actionCreator: consultationSavedAnnounced,
    effect: (_action, listener) => {
      listener.dispatch(lookupsApi.util.invalidateTags(['Consultations']));
    },
  });
}
