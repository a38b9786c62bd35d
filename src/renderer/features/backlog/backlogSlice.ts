// The team lead's and admin's home (issue 12, item 3): every executor's open appeals, with those
// due soon and overdue, sorted by whichever column the user clicks.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BacklogRow } from '../../../shared/domain/worklists';
import type { AppError } from '../../../shared/result';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export const backlogSortKeys = ['executor', 'open', 'dueSoon', 'overdue'] as const;
export type BacklogSortKey = (typeof backlogSortKeys)[number];

export interface BacklogState {
  rows: BacklogRow[];
  asOf: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error: AppError | null;
  sort: { by: BacklogSortKey; direction: 'asc' | 'desc' };
}

const initialState: BacklogState = {
  rows: [],
  asOf: null,
  status: 'idle',
  error: null,
  // The executors most behind first: that is what a lead looks at.
  sort: { by: 'overdue', direction: 'desc' },
};

export const loadBacklog = createAppAsyncThunk<{ rows: BacklogRow[]; asOf: string }>(
  'backlog/load',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.worklists.backlog({});
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

const slice = createSlice({
  name: 'backlog',
  initialState,
  reducers: {
    /** A column header was clicked: the same column again turns the order round. */
    backlogSortChanged(state, action: PayloadAction<BacklogSortKey>) {
      const by = action.payload;
      if (state.sort.by === by) state.sort.direction = state.sort.direction === 'asc' ? 'desc' : 'asc';
      // Names read from the start of the alphabet, figures from the largest.
      else state.sort = { by, direction: by === 'executor' ? 'asc' : 'desc' };
    },
    backlogReset: () => initialState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadBacklog.pending, (state) => {
        if (state.status !== 'loaded') state.status = 'loading';
        state.error = null;
      })
      .addCase(loadBacklog.fulfilled, (state, action) => {
        state.rows = action.payload.rows;
        state.asOf = action.payload.asOf;
        state.status = 'loaded';
      })
      .addCase(loadBacklog.rejected, (state, action) => {
        state.status = 'failed';
        state.error = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      });
  },
});

export const { backlogSortChanged, backlogReset } = slice.actions;
export const backlogReducer = slice.reducer;
export const selectBacklog = (state: RootState) => state.backlog;

/** The rows in the order asked for; `name` gives an executor's name (ids are not what people sort by). */
export function sortBacklog(
  rows: readonly BacklogRow[],
  sort: BacklogState['sort'],
  name: (executorId: string) => string,
  locale: string,
): BacklogRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const c =
      sort.by === 'executor'
        ? collator.compare(name(a.executorId), name(b.executorId))
        : a[sort.by] - b[sort.by];
    // Ties: the most overdue, then by name, so the order never depends on the server's.
    return sign * c || b.overdue - a.overdue || collator.compare(name(a.executorId), name(b.executorId));
  });
}
