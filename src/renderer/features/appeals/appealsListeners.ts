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

/** Main registered an appeal on this workstation, linked to the call it names (if any). */
export const appealCreatedAnnounced = createAction<{ id: string; callId: string | null }>(
  'appeals/createdAnnounced',
);
/** Sync brought or changed appeals (from the server, other workstations). */
export const appealsChangedAnnounced = createAction<{ ids: string[] }>('appeals/changedAnnounced');

const announced = isAnyOf(appealCreatedAnnounced, appealsChangedAnnounced);

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
    matcher: isAnyOf(registerAppeal.fulfilled, announced),
    effect: async (action, listener) => {
      if (listener.getState().appeals.status !== 'idle') await listener.dispatch(searchAppeals());
      const ids = appealCreatedAnnounced.match(action)
        ? [action.payload.id]
        : appealsChangedAnnounced.match(action)
          ? action.payload.ids
          : [];
      const detail = listener.getState().appeals.detail;
      if (detail.id !== null && ids.includes(detail.id)) {
        await listener.dispatch(fetchAppeal(detail.id));
      }
      const saved = listener.getState().intake.saved?.id;
      if (saved !== undefined && ids.includes(saved)) {
        await listener.dispatch(refreshSavedAppeal(saved));
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
