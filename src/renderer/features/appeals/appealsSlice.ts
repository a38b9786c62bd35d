import { createEntityAdapter, createSlice, type EntityState, type PayloadAction } from '@reduxjs/toolkit';
import type { AppealStatus, AppealSummary, AppealType } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { loadMoreAppeals, searchAppeals } from './appealsThunks';

export interface AppealFilters {
  text: string;
  statuses: AppealStatus[];
  type: AppealType | null;
  onlyOverdue: boolean;
  onlyPriority: boolean;
}

/** Columns the list can be sorted by (the rows loaded so far; the server sends newest first). */
export const appealSortKeys = [
  'number',
  'received',
  'type',
  'applicant',
  'address',
  'category',
  'executor',
  'status',
  'deadline',
] as const;
export type AppealSortKey = (typeof appealSortKeys)[number];
export interface AppealSort {
  by: AppealSortKey;
  direction: 'asc' | 'desc';
}
/** The server's own order: the rows as they arrive. */
export const serverOrder: AppealSort = { by: 'received', direction: 'desc' };

export interface AppealsState extends EntityState<AppealSummary, string> {
  filters: AppealFilters;
  sort: AppealSort;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  loadingMore: boolean;
  error: AppError | null;
  /** The search whose answer the list shows; answers of older searches are dropped. */
  searchId: string | null;
}

// The server orders the list; the adapter keeps that order.
const adapter = createEntityAdapter<AppealSummary>();

const initialState: AppealsState = adapter.getInitialState({
  filters: { text: '', statuses: [], type: null, onlyOverdue: false, onlyPriority: false },
  sort: serverOrder,
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  searchId: null,
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
    /** A column header was clicked: the same column again turns the order round. */
    listSortChanged(state, action: PayloadAction<AppealSortKey>) {
      const by = action.payload;
      if (state.sort.by === by) state.sort.direction = state.sort.direction === 'asc' ? 'desc' : 'asc';
      // Dates read newest first at first, everything else from the start of the alphabet or the soonest.
      else state.sort = { by, direction: by === 'received' ? 'desc' : 'asc' };
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
      });
  },
});

export const {
  searchTextEdited,
  statusFilterChanged,
  typeFilterChanged,
  overdueFilterToggled,
  priorityFilterToggled,
  listSortChanged,
} = slice.actions;
export const appealsReducer = slice.reducer;

const selectors = adapter.getSelectors((state: RootState) => state.appeals);
export const selectAppealSummaries = selectors.selectAll;
export const selectAppealFilters = (state: RootState) => state.appeals.filters;
export const selectAppealSort = (state: RootState) => state.appeals.sort;
export const selectAppealsList = (state: RootState) => state.appeals;
