import type {
  IncidentActed,
  IncidentActInput,
  IncidentDetail,
  IncidentLinkState,
  IncidentView,
  OpenIncidents,
} from '../../../shared/ipc/incidents';
import { createAppAsyncThunk } from '../../app/createAppThunk';

/** Every open incident (team lead, admin), then kept current by `incidents:changed`. */
export const loadOpenIncidents = createAppAsyncThunk<OpenIncidents>(
  'incidents/loadOpen',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.incidents.open();
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

/** Links a registered appeal to the incident the operator chose: now, or once the appeal is pushed. */
export const linkIncident = createAppAsyncThunk<
  IncidentLinkState,
  { incident: IncidentView; appealId: string }
>('incidents/link', async ({ incident, appealId }, { extra: { api }, rejectWithValue }) => {
  const result = await api.incidents.link({ incidentId: incident.id, appealId });
  return result.ok ? result.value : rejectWithValue(result.error);
});

/** One incident with its appeals, for the lead's dialog. */
export const loadIncidentDetail = createAppAsyncThunk<IncidentDetail, string>(
  'incidents/loadDetail',
  async (id, { extra: { api }, rejectWithValue }) => {
    const result = await api.incidents.get({ id });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

/** A lead's confirm, merge, split or close; the list follows from main's `incidents:changed`. */
export const actOnIncident = createAppAsyncThunk<IncidentActed, IncidentActInput>(
  'incidents/act',
  async (input, { extra: { api }, rejectWithValue }) => {
    const result = await api.incidents.act(input);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);
