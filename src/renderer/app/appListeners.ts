import { HOME_OF } from '../../shared/domain/worklists';
import { selectRole, selectUserKey } from '../features/auth/authSlice';
import { backlogReset } from '../features/backlog/backlogSlice';
import { floorReset } from '../features/cockpit/floorSlice';
import { metricsReset } from '../features/cockpit/metricsSlice';
import { workListsReset } from '../features/worklists/worklistsSlice';
import { connectionChanged } from './appSlice';
import { preloadCockpit, rememberHome } from './cockpitChunk';
import { loadWorkstation } from './appThunks';
import { viewOpened } from './navigationSlice';
import type { AppStartListening } from './store';

export function addAppListeners(start: AppStartListening): void {
  // A workstation that could not load because the service was down loads as soon as it is back.
  start({
    actionCreator: connectionChanged,
    effect: (action, api) => {
      if (action.payload === 'connected' && api.getState().app.load === 'failed') {
        void api.dispatch(loadWorkstation());
      }
    },
  });
  // Whoever signs in starts on their role's home screen, with none of the previous user's lists.
  start({
    predicate: (_action, current, previous) => selectUserKey(current) !== selectUserKey(previous),
    effect: (_action, api) => {
      api.dispatch(workListsReset());
      api.dispatch(backlogReset());
      api.dispatch(floorReset());
      api.dispatch(metricsReset());
      const role = selectRole(api.getState());
      if (role === null) return;
      // The cockpit's chunk is fetched alongside its data, not after the workstation has loaded.
      if (HOME_OF[role] === 'cockpit') void preloadCockpit().catch(() => undefined);
      rememberHome(HOME_OF[role]);
      api.dispatch(viewOpened(HOME_OF[role]));
    },
  });
}
