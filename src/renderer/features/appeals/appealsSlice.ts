import { createEntityAdapter, createSlice, type EntityState, type PayloadAction } from '@reduxjs/toolkit';
import type { Appeal, AppealStatus, AppealSummary, AppealType } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { fetchAppeal, loadMoreAppeals, searchAppeals } from './appealsThunks';

export interface AppealFilters {
  text: string;
  statuses: AppealStatus[];
  type: AppealType | null;
  onlyOverdue: boolean;
  onlyPriority: boolean;
}

export interface AppealsState extends EntityState<AppealSummary, string> {
  filters: AppealFilters;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  loadingMore: boolean;
  error: AppError | null;
  /** The search whose answer the list shows; answers of older searches are dropped. */
  searchId: string | null;
  detail: {
    id: string | null;
    status: 'idle' | 'loading' | 'loaded' | 'failed';
    appeal: Appeal | null;
    error: AppError | null;
  };
}

// The server orders the list; the adapter keeps that order.
const adapter = createEntityAdapter<AppealSummary>();

const initialState: AppealsState = adapter.getInitialState({
  filters: { text: '', statuses: [], type: null, onlyOverdue: false, onlyPriority: false },
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  searchId: null,
  detail: { id: null, status: 'idle', appeal: null, error: null },
});

const unknownError = (message: string | undefined): AppError => ({
  code: 'internal',
  message: message ?? 'Unknown error',
});

const slice = createSlice({
  name: 'appeals',
  initialState,
  reducers: {
    searchTextEdited(state, action: PayloadAction<string>) {
      state.filters.text = action.payload;
    },
    statusFilterChanged(state, action: PayloadAction<AppealStatus[]>) {
      state.filters.statuses = action.payload;
    },
    typeFilterChanged(state, action: PayloadAction<AppealType | null>) {
      state.filters.type = action.payload;
    },
    overdueFilterToggled(state, action: PayloadAction<boolean>) {
      state.filters.onlyOverdue = action.payload;
    },
    priorityFilterToggled(state, action: PayloadAction<boolean>) {
      state.filters.onlyPriority = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(searchAppeals.pending, (state, action) => {
        state.status = 'loading';
        state.searchId = action.meta.requestId;
        state.error = null;
      })
      .addCase(searchAppeals.fulfilled, (state, action) => {
        if (state.searchId !== action.meta.requestId) return;
        adapter.setAll(state, action.payload.items);
        state.nextCursor = action.payload.nextCursor;
        state.status = 'loaded';
      })
      .addCase(searchAppeals.rejected, (state, action) => {
        if (state.searchId !== action.meta.requestId) return;
        state.status = 'failed';
        state.error = action.payload ?? unknownError(action.error.message);
      })
      .addCase(loadMoreAppeals.pending, (state) => {
        state.loadingMore = true;
        state.error = null;
      })
      .addCase(loadMoreAppeals.fulfilled, (state, action) => {
        state.loadingMore = false;
        if (action.meta.arg.searchId !== state.searchId) return;
        adapter.upsertMany(state, action.payload.items);
        state.nextCursor = action.payload.nextCursor;
      })
      .addCase(loadMoreAppeals.rejected, (state, action) => {
        state.loadingMore = false;
        state.error = action.payload ?? unknownError(action.error.message);
      })
      .addCase(fetchAppeal.pending, (state, action) => {
        state.detail = { id: action.meta.arg, status: 'loading', appeal: null, error: null };
      })
      .addCase(fetchAppeal.fulfilled, (state, action) => {
        if (state.detail.id !== action.meta.arg) return;
        state.detail = { id: action.meta.arg, status: 'loaded', appeal: action.payload, error: null };
      })
      .addCase(fetchAppeal.rejected, (state, action) => {
        if (state.detail.id !== action.meta.arg) return;
        state.detail.status = 'failed';
        state.detail.error = action.payload ?? unknownError(action.error.message);
      });
  },
});

export const {
  searchTextEdited,
  statusFilterChanged,
  typeFilterChanged,
  overdueFilterToggled,
  priorityFilterToggled,
} = slice.actions;
export const appealsReducer = slice.reducer;

const selectors = adapter.getSelectors((state: RootState) => state.appeals);
export const selectAppealSummaries = selectors.selectAll;
export const selectAppealFilters = (state: RootState) => state.appeals.filters;
export const selectAppealsList = (state: RootState) => state.appeals;
export const selectAppealDetail = (state: RootState) => state.appeals.detail;
