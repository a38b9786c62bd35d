// Mass incidents on the renderer (issue 14, part 3). Three concerns, one slice:
// - `intake`: which building and category the form's hint follows (the answer is in the lookups
//   cache, incidentsApi.ts) and the incident the operator linked the draft to with one key;
// - `link`: how the link of the registered appeal went (linked now, or queued until its push);
// - `lead`: every open incident as main holds it (`incidents:open`, then `incidents:changed`), the
//   ones the lead has not looked at yet (the cockpit's alert), and whether the list is live.
import {
  createEntityAdapter,
  createSelector,
  createSlice,
  type EntityState,
  type PayloadAction,
} from '@reduxjs/toolkit';
import type { IncidentChange, IncidentView } from '../../../shared/ipc/incidents';
import type { AppError } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { newAppealStarted } from '../intake/intakeSlice';
import { selectLookup } from '../lookups/lookupsApi';
import { nearEndpoint, type NearArgs } from './incidentsApi';
import { linkIncident, loadOpenIncidents } from './incidentsThunks';

const incidents = createEntityAdapter<IncidentView, string>({
  selectId: (i) => i.id,
  sortComparer: (a, b) => b.lastAt.localeCompare(a.lastAt),
});

export type LinkState =
  | { state: 'none' }
  | { state: 'linking' }
  | { state: 'linked' | 'queued'; incidentId: string }
  | { state: 'failed'; error: AppError };

export interface IncidentsState {
  intake: { key: string | null; args: NearArgs | null };
  /** The incident the draft will be linked to when registered (the operator's one key). */
  chosenId: string | null;
  /** The chosen incident as it was when chosen: the form and the saved panel name it. */
  chosen: IncidentView | null;
  link: LinkState;
  lead: {
    list: EntityState<IncidentView, string>;
    status: 'idle' | 'loading' | 'loaded' | 'failed';
    error: AppError | null;
    live: boolean;
    /** Incidents formed since the lead last looked (newest first): the cockpit's alert. */
    unseen: string[];
  };
}

const initialState: IncidentsState = {
  intake: { key: null, args: null },
  chosenId: null,
  chosen: null,
  link: { state: 'none' },
  lead: { list: incidents.getInitialState(), status: 'idle', error: null, live: false, unseen: [] },
};

const slice = createSlice({
  name: 'incidents',
  initialState,
  reducers: {
    intakeNearFollowed(state, action: PayloadAction<{ key: string | null; args: NearArgs | null }>) {
      state.intake = action.payload;
    },
    incidentChosen(state, action: PayloadAction<IncidentView>) {
      state.chosenId = action.payload.id;
      state.chosen = action.payload;
    },
    incidentUnchosen(state) {
      state.chosenId = null;
      state.chosen = null;
      if (state.link.state === 'failed') state.link = { state: 'none' };
    },
    incidentsChanged(state, action: PayloadAction<IncidentChange>) {
      const change = action.payload;
      if (change.kind === 'live') {
        state.lead.live = change.live;
        return;
      }
      const { incident, isNew } = change;
      if (incident.stage === 'closed') {
        incidents.removeOne(state.lead.list, incident.id);
        state.lead.unseen = state.lead.unseen.filter((id) => id !== incident.id);
      } else {
        incidents.upsertOne(state.lead.list, incident);
        if (isNew && !state.lead.unseen.includes(incident.id)) state.lead.unseen.unshift(incident.id);
      }
      if (state.chosen?.id === incident.id) state.chosen = incident;
    },
    incidentSeen(state, action: PayloadAction<string | 'all'>) {
      state.lead.unseen =
        action.payload === 'all' ? [] : state.lead.unseen.filter((id) => id !== action.payload);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(newAppealStarted, (state) => {
        state.intake = { key: null, args: null };
        state.chosenId = null;
        state.chosen = null;
        state.link = { state: 'none' };
      })
      .addCase(linkIncident.pending, (state) => {
        state.link = { state: 'linking' };
      })
      .addCase(linkIncident.fulfilled, (state, action) => {
        state.link = { state: action.payload.state, incidentId: action.meta.arg.incident.id };
      })
      .addCase(linkIncident.rejected, (state, action) => {
        state.link = {
          state: 'failed',
          error: action.payload ?? { code: 'internal', message: action.error.message ?? '' },
        };
      })
      .addCase(loadOpenIncidents.pending, (state) => {
        if (state.lead.status !== 'loaded') state.lead.status = 'loading';
      })
      .addCase(loadOpenIncidents.fulfilled, (state, action) => {
        incidents.setAll(state.lead.list, action.payload.incidents);
        state.lead.live = action.payload.live;
        state.lead.status = 'loaded';
        state.lead.error = null;
        const open = new Set(action.payload.incidents.map((i) => i.id));
        state.lead.unseen = state.lead.unseen.filter((id) => open.has(id));
      })
      .addCase(loadOpenIncidents.rejected, (state, action) => {
        state.lead.status = 'failed';
        state.lead.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      });
  },
});

export const { intakeNearFollowed, incidentChosen, incidentUnchosen, incidentsChanged, incidentSeen } =
  slice.actions;
export const incidentsReducer = slice.reducer;

const listSelectors = incidents.getSelectors((s: RootState) => s.incidents.lead.list);
export const selectOpenIncidents = listSelectors.selectAll;
export const selectIncidentById = listSelectors.selectById;
export const selectLeadIncidents = (s: RootState) => s.incidents.lead;
export const selectUnseenIncidents = createSelector(
  [(s: RootState) => s.incidents.lead.unseen, (s: RootState) => s.incidents.lead.list.entities],
  (ids, entities) => ids.map((id) => entities[id]).filter((i): i is IncidentView => i !== undefined),
);
export const selectChosenIncident = (s: RootState) => s.incidents.chosen;
export const selectIncidentLink = (s: RootState) => s.incidents.link;

/** Open incidents at the building (and category group) the intake form names. */
export const selectIntakeIncidents = selectLookup(nearEndpoint, (s: RootState) => s.incidents.intake);
