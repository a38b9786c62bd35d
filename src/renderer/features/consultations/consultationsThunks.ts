import type { Consultation } from '../../../shared/domain';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { ConsultationDraft } from '../../../shared/domain';
import { consultationInput } from './consultationForm';

const PAGE = 50;

/** Resolves to null when the form fails the check before anything is sent. */
export const saveConsultation = createAppAsyncThunk<Consultation | null>(
  'consultations/save',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const parsed = ConsultationDraft.safeParse(consultationInput(getState().consultations.form));
    if (!parsed.success) return null;
    const result = await api.consultations.create(parsed.data);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: (_: void, { getState }) => !getState().consultations.saving },
);

interface Page {
  items: Consultation[];
  nextCursor: string | null;
}

export const loadConsultations = createAppAsyncThunk<Page>(
  'consultations/load',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.consultations.list({ limit: PAGE });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const loadMoreConsultations = createAppAsyncThunk<Page>(
  'consultations/loadMore',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const result = await api.consultations.list({ limit: PAGE, cursor: getState().consultations.nextCursor });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: (_: void, { getState }) => getState().consultations.nextCursor !== null },
);
