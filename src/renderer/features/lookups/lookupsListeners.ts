import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store';
import { appealCreatedAnnounced, appealsChangedAnnounced } from '../appeals/appealsListeners';
import {
  consultationCreatedAnnounced,
  consultationsChangedAnnounced,
} from '../consultations/consultationsSlice';
import { lookupsApi } from './lookupsApi';

/**
 * Main announced a change (a record registered here, or brought or changed by sync): every lookup that may
 * hold it is stale. Entries on screen refetch at once, the others when next shown.
 */
export function addLookupsListeners(start: AppStartListening): void {
  start({
    matcher: isAnyOf(appealCreatedAnnounced, appealsChangedAnnounced),
    effect: (_action, listener) => {
      listener.dispatch(lookupsApi.util.invalidateTags(['Appeals']));
    },
  });
  start({
    matcher: isAnyOf(consultationCreatedAnnounced, consultationsChangedAnnounced),
    effect: (_action, listener) => {
      listener.dispatch(lookupsApi.util.invalidateTags(['Consultations']));
    },
  });
}
