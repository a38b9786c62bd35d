import { isAnyOf } from '@reduxjs/toolkit';
import { viewOpened } from '../../app/navigationSlice';
import type { AppStartListening } from '../../app/store';
import { appealCreatedAnnounced, appealsChangedAnnounced } from '../appeals/appealsListeners';
import { actOnAppeal } from '../appeals/appealStateThunks';
import { loadBacklog } from './backlogSlice';

export function addBacklogListeners(start: AppStartListening): void {
  start({
    actionCreator: viewOpened,
    effect: async (action, listener) => {
      if (action.payload === 'backlog') await listener.dispatch(loadBacklog());
    },
  });
  // Counts change with every appeal that moves: read again once a burst of changes has passed.
  start({
    matcher: isAnyOf(appealCreatedAnnounced, appealsChangedAnnounced, actOnAppeal.fulfilled),
    effect: async (_action, listener) => {
      if (listener.getState().backlog.status === 'idle') return;
      listener.cancelActiveListeners();
      await listener.delay(200);
      await listener.dispatch(loadBacklog());
    },
  });
}
