import { isAnyOf } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store';
import { consultationRequested, viewOpened } from '../../app/navigationSlice';
import { loadConsultations } from './consultationsThunks';

export function addConsultationsListeners(start: AppStartListening): void {
  start({
    matcher: isAnyOf(viewOpened, consultationRequested),
    effect: async (action, listener) => {
      const view = viewOpened.match(action) ? action.payload : 'consultations';
      if (view === 'consultations' && listener.getState().consultations.listStatus === 'idle') {
        await listener.dispatch(loadConsultations());
      }
    },
  });
}
