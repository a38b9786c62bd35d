import { normalizeAnyPhone, type AppealSummary } from '../../../shared/domain';
import { appealNumberOf } from '../../../shared/domain/appealNumber';
import type { AppealQueryInput } from '../../../shared/ipc/contract';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

const PAGE = 50;

/**
 * Text that is a phone number finds that caller's appeals; an appeal's number goes to main as text
 * (main recognises it and finds that appeal); anything else is a full-text search.
 */
function searchTerms(text: string): Pick<AppealQueryInput, 'text' | 'phone'> {
  const trimmed = text.trim();
  if (appealNumberOf(trimmed) !== null) return { text: trimmed };
  const phone = /\d{5}/.test(trimmed.replace(/\D/g, '')) ? normalizeAnyPhone(trimmed) : null;
  return phone ? { text: '', phone } : { text: trimmed };
}

function queryOf(state: RootState): AppealQueryInput {
  const f = state.appeals.filters;
  return {
    ...searchTerms(f.text),
    statuses: f.statuses,
    type: f.type,
    onlyOverdue: f.onlyOverdue,
    onlyPriority: f.onlyPriority,
    limit: PAGE,
  };
}

interface Page {
  items: AppealSummary[];
  nextCursor: string | null;
}

export const searchAppeals = createAppAsyncThunk<Page>(
  'appeals/search',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.list(queryOf(getState()));
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

export const loadMoreAppeals = createAppAsyncThunk<Page, { searchId: string | null }>(
  'appeals/loadMore',
  async (_, { getState, extra: { api }, rejectWithValue }) => {
    const cursor = getState().appeals.nextCursor;
    const result = await api.appeals.list({ ...queryOf(getState()), cursor });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  {
    condition: (_, { getState }) => getState().appeals.nextCursor !== null && !getState().appeals.loadingMore,
  },
);
