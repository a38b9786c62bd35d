// The feedback operator's callback (issue 12, item 3): the script read to the citizen
// (resources/scripts/callback.json), loaded the first time the "to call back" list opens.
import { createSlice } from '@reduxjs/toolkit';
import type { CallScript } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export const CALLBACK_SCRIPT_ID = 'callback';

export interface CallbackState {
  script: CallScript | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error: AppError | null;
}

const initialState: CallbackState = { script: null, status: 'idle', error: null };

export const loadCallbackScript = createAppAsyncThunk<CallScript>(
  'callback/loadScript',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.scripts.get({ id: CALLBACK_SCRIPT_ID });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: (_, { getState }) => getState().callback.status === 'idle' },
);

const slice = createSlice({
  name: 'callback',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(loadCallbackScript.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(loadCallbackScript.fulfilled, (state, action) => {
        state.status = 'loaded';
        state.script = action.payload;
      })
      .addCase(loadCallbackScript.rejected, (state, action) => {
        state.status = 'failed';
        state.error = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      });
  },
});

export const callbackReducer = slice.reducer;
export const selectCallbackScript = (state: RootState) => state.callback;
