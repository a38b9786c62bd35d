// The sync state shown in the top bar, and the list of changes the server refused.
import { createAction, createSlice } from '@reduxjs/toolkit';
import type { RejectedMutation, SyncStatus } from '../../../shared/ipc/contract';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export interface SyncState {
  status: SyncStatus | null;
  rejections: RejectedMutation[];
  rejectionsOpen: boolean;
}

const initialState: SyncState = { status: null, rejections: [], rejectionsOpen: false };

export const syncStatusAnnounced = createAction<SyncStatus>('sync/statusAnnounced');

export const loadSyncStatus = createAppAsyncThunk<SyncStatus>(
  'sync/load',
  async (_: void, { extra, rejectWithValue }) => {
    const result = await extra.api.sync.status({});
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const syncNow = createAppAsyncThunk<SyncStatus>(
  'sync/now',
  async (_: void, { extra, rejectWithValue }) => {
    const result = await extra.api.sync.now({});
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const openRejections = createAppAsyncThunk<RejectedMutation[]>(
  'sync/openRejections',
  async (_: void, { extra, rejectWithValue }) => {
    const result = await extra.api.sync.rejections({});
    return result.ok ? result.value.items : rejectWithValue(result.error);
  },
);

const slice = createSlice({
  name: 'sync',
  initialState,
  reducers: {
    rejectionsClosed: (s) => {
      s.rejectionsOpen = false;
    },
  },
  extraReducers: (b) => {
    const set = (s: SyncState, a: { payload: SyncStatus }) => {
      s.status = a.payload;
    };
    b.addCase(syncStatusAnnounced, set);
    b.addCase(loadSyncStatus.fulfilled, set);
    b.addCase(syncNow.fulfilled, set);
    b.addCase(openRejections.fulfilled, (s, a) => {
      s.rejections = a.payload;
      s.rejectionsOpen = true;
    });
  },
});

export const syncReducer = slice.reducer;
export const { rejectionsClosed } = slice.actions;
export const selectSyncStatus = (s: RootState) => s.sync.status;
export const selectRejections = (s: RootState) => s.sync.rejections;
export const selectRejectionsOpen = (s: RootState) => s.sync.rejectionsOpen;
