// The role's work lists (issue 12, item 3): which list is open, its rows in the order they are
// served (benefit holders first, then the nearest deadline; shared/domain/worklists.ts), the size
// of every list for the tabs, and the row the keyboard stands on.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppealSummary } from '../../../shared/domain';
import type { WorkListId } from '../../../shared/domain/worklists';
import type { AppError } from '../../../shared/result';
import type { RootState } from '../../app/store';
import { actOnAppeal } from '../appeals/appealStateThunks';
import { loadMoreWorkList, loadWorkList, loadWorkListCounts } from './worklistsThunks';

export interface WorkListsState {
  active: WorkListId | null;
  /** The backlog narrowed the list to one executor's appeals. */
  executorId: string | null;
  onlyOverdue: boolean;
  counts: Partial<Record<WorkListId, number>>;
  items: AppealSummary[];
  nextCursor: string | null;
  total: number;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  loadingMore: boolean;
  error: AppError | null;
  requestId: string | null;
  selectedId: string | null;
  /**
   * After acting on the selected appeal it leaves the list: the rows that followed it, in order, so
   * the next one due is selected once the list is read again.
   */
  nextCandidates: string[];
}

const initialState: WorkListsState = {
  active: null,
  executorId: null,
  onlyOverdue: false,
  counts: {},
  items: [],
  nextCursor: null,
  total: 0,
  status: 'idle',
  loadingMore: false,
  error: null,
  requestId: null,
  selectedId: null,
  nextCandidates: [],
};

const unknownError = (message: string | undefined): AppError => ({
  code: 'internal',
  message: message ?? 'Unknown error',
});

function reselect(state: WorkListsState, previousIndex: number): void {
  const ids = state.items.map((a) => a.id);
  if (state.selectedId !== null && ids.includes(state.selectedId)) return;
  const next = state.nextCandidates.find((id) => ids.includes(id));
  state.nextCandidates = [];
  if (next !== undefined) state.selectedId = next;
  else
    state.selectedId = state.items[Math.min(Math.max(previousIndex, 0), state.items.length - 1)]?.id ?? null;
}

const slice = createSlice({
  name: 'worklists',
  initialState,
  reducers: {
    /** A tab, a shortcut or a backlog row chose a list (a backlog row also names the executor). */
    workListChosen(state, action: PayloadAction<{ list: WorkListId; executorId?: string | null }>) {
      const { list, executorId } = action.payload;
      if (executorId !== undefined) state.executorId = executorId;
      if (state.active === list && executorId === undefined) return;
      state.active = list;
      state.items = [];
      state.nextCursor = null;
      state.total = 0;
      state.status = 'idle';
      state.selectedId = null;
      state.nextCandidates = [];
    },
    executorFilterCleared(state) {
      state.executorId = null;
    },
    overdueOnlyToggled(state, action: PayloadAction<boolean>) {
      state.onlyOverdue = action.payload;
    },
    rowSelected(state, action: PayloadAction<string>) {
      state.selectedId = action.payload;
    },
    /** Up or Down: the selection moves by `by` rows, staying inside the list. */
    selectionMoved(state, action: PayloadAction<number>) {
      if (state.items.length === 0) return;
      const at = state.items.findIndex((a) => a.id === state.selectedId);
      const next = at < 0 ? 0 : Math.min(Math.max(at + action.payload, 0), state.items.length - 1);
      state.selectedId = state.items[next]!.id;
    },
    /** Another user signed in: their lists are not this one's. */
    workListsReset: () => initialState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadWorkList.pending, (state, action) => {
        state.requestId = action.meta.requestId;
        if (!action.meta.arg.refresh) state.status = 'loading';
        state.error = null;
      })
      .addCase(loadWorkList.fulfilled, (state, action) => {
        if (state.requestId !== action.meta.requestId || action.payload.list !== state.active) return;
        const previousIndex = state.items.findIndex((a) => a.id === state.selectedId);
        state.items = action.payload.items;
        state.nextCursor = action.payload.nextCursor;
        state.total = action.payload.total;
        // A tab counts the whole list: a narrowed one (one executor, overdue only) does not change it.
        if (state.executorId === null && !state.onlyOverdue)
          state.counts[action.payload.list] = action.payload.total;
        state.status = 'loaded';
        reselect(state, previousIndex);
      })
      .addCase(loadWorkList.rejected, (state, action) => {
        if (state.requestId !== action.meta.requestId) return;
        state.status = 'failed';
        state.error = action.payload ?? unknownError(action.error.message);
      })
      .addCase(loadMoreWorkList.pending, (state) => {
        state.loadingMore = true;
      })
      .addCase(loadMoreWorkList.fulfilled, (state, action) => {
        state.loadingMore = false;
        if (action.payload.list !== state.active) return;
        const known = new Set(state.items.map((a) => a.id));
        state.items.push(...action.payload.items.filter((a) => !known.has(a.id)));
        state.nextCursor = action.payload.nextCursor;
        state.total = action.payload.total;
      })
      .addCase(loadMoreWorkList.rejected, (state, action) => {
        state.loadingMore = false;
        state.error = action.payload ?? unknownError(action.error.message);
      })
      .addCase(loadWorkListCounts.fulfilled, (state, action) => {
        for (const { list, total } of action.payload) state.counts[list] = total;
      })
      .addCase(actOnAppeal.fulfilled, (state, action) => {
        const at = state.items.findIndex((a) => a.id === action.meta.arg.id);
        if (at >= 0 && state.selectedId === action.meta.arg.id)
          state.nextCandidates = state.items.slice(at + 1).map((a) => a.id);
      });
  },
});

export const {
  workListChosen,
  executorFilterCleared,
  overdueOnlyToggled,
  rowSelected,
  selectionMoved,
  workListsReset,
} = slice.actions;
export const worklistsReducer = slice.reducer;

export const selectWorkLists = (state: RootState) => state.worklists;
export const selectSelectedRow = (state: RootState): AppealSummary | null =>
  state.worklists.items.find((a) => a.id === state.worklists.selectedId) ?? null;
