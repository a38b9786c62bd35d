import type { WorkListId } from '../../../shared/domain/worklists';
import type { WorkListPage } from '../../../shared/ipc/contract';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export const PAGE = 50;
/** The most a refresh reloads at once (the contract's limit): the rows already loaded, in one request. */
const MOST = 200;

const queryOf = (state: RootState, list: WorkListId) => ({
  list,
  executorId: state.worklists.executorId,
  onlyOverdue: state.worklists.onlyOverdue,
});

/**
 * The active list's first page, or as many rows as are loaded when it refreshes (after a change),
 * so "load more" already pressed is not undone under the user's eyes.
 */
export const loadWorkList = createAppAsyncThunk<WorkListPage & { list: WorkListId }, { refresh?: boolean }>(
  'worklists/load',
  async ({ refresh }, { getState, extra: { api }, rejectWithValue }) => {
    const state = getState();
    const list = state.worklists.active;
    if (list === null) return rejectWithValue({ code: 'invalid_input', message: 'No work list chosen' });
    const limit = refresh ? Math.min(MOST, Math.max(PAGE, state.worklists.items.length)) : PAGE;
    const result = await api.worklists.list({ ...queryOf(state, list), limit });
    return result.ok ? { ...result.value, list } : rejectWithValue(result.error);
  },
);

export const loadMoreWorkList = createAppAsyncThunk<WorkListPage & { list: WorkListId }>(
  'worklists/loadMore',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const state = getState();
    const list = state.worklists.active!;
    const cursor = state.worklists.nextCursor;
    const result = await api.worklists.list({ ...queryOf(state, list), limit: PAGE, cursor });
    return result.ok ? { ...result.value, list } : rejectWithValue(result.error);
  },
  {
    condition: (_, { getState }) =>
      getState().worklists.active !== null &&
      getState().worklists.nextCursor !== null &&
      !getState().worklists.loadingMore,
  },
);

/** The size of each of the role's lists, for the tabs. */
export const loadWorkListCounts = createAppAsyncThunk<{ list: WorkListId; total: number }[]>(
  'worklists/counts',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.worklists.counts({});
    return result.ok ? result.value.counts : rejectWithValue(result.error);
  },
);
