import { connectionChanged } from './appSlice';
import { loadWorkstation } from './appThunks';
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
}
