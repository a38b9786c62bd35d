import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store';
import { fetchAppealState } from '../appeals/appealStateThunks';
import { rowSelected, selectionMoved, workListChosen } from '../worklists/worklistsSlice';
import { loadWorkList } from '../worklists/worklistsThunks';
import { loadCallbackScript } from './callbackSlice';

/**
 * On the "to call back" list the selected appeal is open beside it: read whole (the executor's
 * answer, the version the outcome is sent with) once the keyboard rests on it.
 */
export function addCallbackListeners(start: AppStartListening): void {
  start({
    actionCreator: workListChosen,
    effect: async (action, listener) => {
      if (action.payload.list === 'to_call_back') await listener.dispatch(loadCallbackScript());
    },
  });
  start({
    matcher: isAnyOf(rowSelected, selectionMoved, loadWorkList.fulfilled),
    effect: async (_action, listener) => {
      const { active, selectedId } = listener.getState().worklists;
      if (active !== 'to_call_back' || selectedId === null) return;
      listener.cancelActiveListeners();
      await listener.delay(60);
      const entry = listener.getState().appealStates.byId[selectedId];
      if (!entry || entry.acting === null) await listener.dispatch(fetchAppealState(selectedId));
    },
  });
}
