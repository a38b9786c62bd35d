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
import { searchAppeals } from './appealsThunks';
import {
  actOnAppeal,
  amendAppeal,
  dismissPendingChange,
  fetchAppealHistory,
  fetchAppealState,
} from './appealStateThunks';

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
      // The appeals on screen (the detail, the callback panel) and their histories are read again.
      const { byId, history } = listener.getState().appealStates;
      const shown = ids.filter((id) => id in byId);
      await Promise.all([
        ...shown.map((id) => listener.dispatch(fetchAppealState(id))),
        ...ids.filter((id) => id in history).map((id) => listener.dispatch(fetchAppealHistory(id))),
      ]);
      const saved = listener.getState().intake.saved?.id;
      if (saved !== undefined && ids.includes(saved)) {
        await listener.dispatch(refreshSavedAppeal(saved));
      }
    },
  });
  start({
    actionCreator: appealDetailOpened,
    effect: async (action, listener) => {
      await listener.dispatch(fetchAppealState(action.payload));
    },
  });
  // Somebody changed the appeal since it was read: what they did is shown now, beside why this
  // change was refused. Any other refusal also reads it again, as main may have changed it.
  for (const thunk of [actOnAppeal, amendAppeal]) {
    start({
      actionCreator: thunk.rejected,
      effect: async (action, listener) => {
        if (action.meta.condition) return;
        await listener.dispatch(fetchAppealState(action.meta.arg.id));
      },
    });
  }
  // A change made or dismissed here is in the appeal's history and in the lists.
  for (const done of [actOnAppeal.fulfilled, amendAppeal.fulfilled, dismissPendingChange.fulfilled]) {
    start({
      actionCreator: done,
      effect: async (action, listener) => {
        const { id } = action.meta.arg;
        if (id in listener.getState().appealStates.history) await listener.dispatch(fetchAppealHistory(id));
        if (listener.getState().appeals.status !== 'idle') await listener.dispatch(searchAppeals());
      },
    });
  }
}
