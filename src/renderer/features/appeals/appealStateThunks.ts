// Reading one appeal with this workstation's pending changes, and changing it: a lifecycle step
// (lifecycle.ts) or an amendment (amendment.ts), each sent with the version the user saw, so a
// change somebody made meanwhile refuses it (`stale_version`) instead of overwriting it.
import type { AppealAmendment } from '../../../shared/domain/amendment';
import type { AppealHistory } from '../../../shared/domain/appealHistory';
import type { LifecycleAction } from '../../../shared/domain/lifecycle';
import type { AppealState } from '../../../shared/ipc/contract';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export const fetchAppealState = createAppAsyncThunk<AppealState, string>(
  'appeals/fetchState',
  async (id, { extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.state({ id });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

const baseVersionOf = (state: RootState, id: string): number | null =>
  state.appealStates.byId[id]?.appeal?.version ?? null;

export const actOnAppeal = createAppAsyncThunk<AppealState, { id: string; action: LifecycleAction }>(
  'appeals/act',
  async ({ id, action }, { getState, extra: { api }, rejectWithValue }) => {
    const baseVersion = baseVersionOf(getState(), id);
    if (baseVersion === null)
      return rejectWithValue({ code: 'not_found', message: 'The appeal is not loaded' });
    const result = await api.appeals.act({ id, action, baseVersion });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: ({ id }, { getState }) => getState().appealStates.byId[id]?.acting === null },
);

export const amendAppeal = createAppAsyncThunk<AppealState, { id: string; amendment: AppealAmendment }>(
  'appeals/amend',
  async ({ id, amendment }, { getState, extra: { api }, rejectWithValue }) => {
    const baseVersion = baseVersionOf(getState(), id);
    if (baseVersion === null)
      return rejectWithValue({ code: 'not_found', message: 'The appeal is not loaded' });
    const result = await api.appeals.amend({ id, amendment, baseVersion });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: ({ id }, { getState }) => getState().appealStates.byId[id]?.acting === null },
);

/** Forgets a refused change once its user has read why; the appeal is read again. */
export const dismissPendingChange = createAppAsyncThunk<void, { id: string; mutationId: string }>(
  'appeals/dismissPending',
  async ({ id, mutationId }, { dispatch, extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.dismissPending({ mutationId });
    if (!result.ok) return rejectWithValue(result.error);
    await dispatch(fetchAppealState(id));
  },
);

export const fetchAppealHistory = createAppAsyncThunk<AppealHistory, string>(
  'appeals/fetchHistory',
  async (id, { extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.history({ id });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);
