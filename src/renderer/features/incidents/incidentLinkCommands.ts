// The operator's one key (Alt+L) and the hint's button share these: link the draft (or the appeal
// just registered) to the first incident known at its building, or take the choice back.
import type { AppDispatch, RootState } from '../../app/store';
import { incidentChosen, incidentUnchosen, selectIntakeIncidents } from './incidentsSlice';
import { linkIncident } from './incidentsThunks';

export const toggleIncidentLink = () => (dispatch: AppDispatch, getState: () => RootState) => {
  const state = getState();
  const first = selectIntakeIncidents(state).data?.incidents[0];
  const { chosen, link } = state.incidents;
  const saved = state.intake.status === 'saved' ? state.intake.saved : null;
  if (saved) {
    // Registered without the link: the key links it now, once.
    if (!first || link.state !== 'none') return;
    dispatch(incidentChosen(first));
    void dispatch(linkIncident({ incident: first, appealId: saved.id }));
    return;
  }
  if (state.intake.status !== 'editing') return;
  if (chosen) dispatch(incidentUnchosen());
  else if (first) dispatch(incidentChosen(first));
};
