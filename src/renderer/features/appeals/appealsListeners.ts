import { createAction, isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store';
import { appealDetailOpened, viewOpened, appealSearchRequested } from '../../app/navigationSlice';
import { refreshSavedAppeal, registerAppeal } from '../intake/intakeThunks';
import {
  overdueFilterToggled,
  priorityFilterToggled,
  searchTextEdited,
  statusFilterChanged,
  typeFilterChanged,
} from './appealsSlice';
import { fetchAppeal, searchAppeals } from './appealsThunks';

/** The service announced that an appeal was saved (here or by sync). */
export const appealSavedAnnounced = createAction<{ id: string }>('appeals/savedAnnounced');

export function addAppealsListeners(start: AppStartListening, searchDelayMs: number): void {
  // Typing in the search box waits for a pause; filters apply at once.
  start({
    actionCreator: searchTextEdited,
    effect: async (_action, listener) => {
      listener.cancelActiveListeners();
      await listener.delay(searchDelayMs);
      await listener.dispatch(searchAppeals());
    },
  });
  start({
    matcher: isAnyOf(statusFilterChanged, typeFilterChanged, overdueFilterToggled, priorityFilterToggled),
    effect: async (_action, listener) => {
      await listener.dispatch(searchAppeals());
    },
  });
  // The list loads the first time it is shown and refreshes when appeals are saved.
  start({
    matcher: isAnyOf(viewOpened, appealSearchRequested),
    effect: async (action, listener) => {
      const view = viewOpened.match(action) ? action.payload : 'appeals';
      if (view === 'appeals' && listener.getState().appeals.status === 'idle') {
        await listener.dispatch(searchAppeals());
      }
    },
  });
  start({
    matcher: isAnyOf(registerAppeal.fulfilled, appealSavedAnnounced),
    effect: async (_action, listener) => {
      if (listener.getState().appeals.status !== 'idle') await listener.dispatch(searchAppeals());
      const detail = listener.getState().appeals.detail;
      if (appealSavedAnnounced.match(_action) && detail.id === _action.payload.id) {
        await listener.dispatch(fetchAppeal(detail.id));
      }
      if (
        appealSavedAnnounced.match(_action) &&
        listener.getState().intake.saved?.id === _action.payload.id
      ) {
        await listener.dispatch(refreshSavedAppeal(_action.payload.id));
      }
    },
  });
  start({
    actionCreator: appealDetailOpened,
    effect: async (action, listener) => {
      await listener.dispatch(fetchAppeal(action.payload));
    },
  });
}
