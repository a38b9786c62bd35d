import { isAnyOf } from '@reduxjs/toolkit';
import { connectionChanged } from '../../app/appSlice';
import { viewOpened } from '../../app/navigationSlice';
import type { AppStartListening } from '../../app/store';
import { buildingOf } from '../callerPanel/callerPanelListeners';
import { categoryChosen, newAppealStarted, textFieldEdited } from '../intake/intakeSlice';
import { registerAppeal } from '../intake/intakeThunks';
import { type Held } from '../lookups/lookupsApi';
import { incidentsApi, nearKey } from './incidentsApi';
import { incidentsChanged, intakeNearFollowed } from './incidentsSlice';
import { linkIncident, loadOpenIncidents } from './incidentsThunks';

/**
 * - The intake form's hint follows the building and the category after a short pause (`delayMs`),
 *   as the caller panel's lookups do, holding its cache entry while it is shown.
 * - A draft the operator linked to an incident is linked as soon as it is registered.
 * - An incident new or changed makes every hint on screen read again; the lead's list follows the
 *   events and is read whole when the cockpit opens and when the live channel or the connection
 *   comes back (events missed meanwhile are gone).
 */
export function addIncidentsListeners(start: AppStartListening, delayMs: number): void {
  let held: Held | null = null;
  start({
    matcher: isAnyOf(textFieldEdited, categoryChosen, newAppealStarted),
    effect: async (action, listener) => {
      if (textFieldEdited.match(action) && !['city', 'street', 'building'].includes(action.payload.field))
        return;
      listener.cancelActiveListeners();
      await listener.delay(delayMs);
      const state = listener.getState();
      const address = buildingOf(state.intake.form);
      const args = address ? { address, categoryId: state.intake.form.categoryId } : null;
      const key = args ? nearKey(args) : null;
      if (key === state.incidents.intake.key && (key === null || held)) return;
      held?.unsubscribe();
      held = null;
      listener.dispatch(intakeNearFollowed({ key, args }));
      if (args) {
        const subscription = listener.dispatch(incidentsApi.endpoints.incidentsNear.initiate(args));
        held = subscription;
        await subscription;
      }
    },
  });

  start({
    actionCreator: registerAppeal.fulfilled,
    effect: async (action, listener) => {
      const appeal = action.payload;
      const chosen = listener.getState().incidents.chosen;
      if (appeal && chosen) await listener.dispatch(linkIncident({ incident: chosen, appealId: appeal.id }));
    },
  });

  start({
    actionCreator: incidentsChanged,
    effect: async (action, listener) => {
      const change = action.payload;
      if (change.kind === 'incident') listener.dispatch(incidentsApi.util.invalidateTags(['Incidents']));
      const back = change.kind === 'live' && change.live;
      if (back && listener.getState().incidents.lead.status !== 'idle')
        await listener.dispatch(loadOpenIncidents());
    },
  });

  start({
    matcher: isAnyOf(viewOpened, connectionChanged),
    effect: async (action, listener) => {
      const state = listener.getState();
      const opened = viewOpened.match(action) && action.payload === 'cockpit';
      const back =
        connectionChanged.match(action) &&
        action.payload === 'connected' &&
        state.incidents.lead.status !== 'idle';
      if (opened || back) await listener.dispatch(loadOpenIncidents());
    },
  });
}
