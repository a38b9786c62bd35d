import { isAnyOf } from '@reduxjs/toolkit';
import { WORK_LISTS_OF } from '../../../shared/domain/worklists';
import { viewOpened } from '../../app/navigationSlice';
import type { AppStartListening } from '../../app/store';
import { appealCreatedAnnounced, appealsChangedAnnounced } from '../appeals/appealsListeners';
import { actOnAppeal, amendAppeal, dismissPendingChange } from '../appeals/appealStateThunks';
import { selectRole } from '../auth/authSlice';
import { registerAppeal } from '../intake/intakeThunks';
import { executorFilterCleared, overdueOnlyToggled, workListChosen } from './worklistsSlice';
import { loadWorkList, loadWorkListCounts } from './worklistsThunks';

export function addWorkListsListeners(start: AppStartListening): void {
  // The screen opens on the role's first list (its home), read with every list's size.
  start({
    actionCreator: viewOpened,
    effect: async (action, listener) => {
      if (action.payload !== 'worklists') return;
      const state = listener.getState();
      const role = selectRole(state);
      if (role === null) return;
      const lists = WORK_LISTS_OF[role];
      const active = state.worklists.active;
      if (active === null || !lists.includes(active)) listener.dispatch(workListChosen({ list: lists[0]! }));
      else if (state.worklists.status === 'idle') await listener.dispatch(loadWorkList({}));
      await listener.dispatch(loadWorkListCounts());
    },
  });
  start({
    matcher: isAnyOf(workListChosen, executorFilterCleared, overdueOnlyToggled),
    effect: async (_action, listener) => {
      listener.cancelActiveListeners();
      await listener.dispatch(loadWorkList({}));
    },
  });
  // Anything that may move an appeal into or out of a list reads the list and the sizes again: a
  // change made here, and what main announces (sync brought it, or registered it here).
  start({
    matcher: isAnyOf(
      appealCreatedAnnounced,
      appealsChangedAnnounced,
      registerAppeal.fulfilled,
      actOnAppeal.fulfilled,
      amendAppeal.fulfilled,
      dismissPendingChange.fulfilled,
    ),
    effect: async (_action, listener) => {
      if (listener.getState().worklists.active === null) return;
      // A burst of announcements (a sync bringing many appeals) becomes one read.
      listener.cancelActiveListeners();
      await listener.delay(50);
      await Promise.all([
        listener.dispatch(loadWorkList({ refresh: true })),
        listener.dispatch(loadWorkListCounts()),
      ]);
    },
  });
}
