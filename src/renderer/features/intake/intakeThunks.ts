import type { Appeal } from '../../../shared/domain';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { selectDraftCheck } from './intakeSelectors';

/**
 * Registers the draft. Resolves to null when the draft fails the check before anything is sent
 * (the form then shows every problem); rejects with the service's error otherwise.
 */
export const registerAppeal = createAppAsyncThunk<Appeal | null>(
  'intake/register',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const check = selectDraftCheck(getState());
    if (check.kind !== 'valid') return null;
    // A link to an earlier appeal stands only while the repeat check still names that appeal.
    const verdict = getState().callerPanel.repeat.data;
    const linkable = verdict && verdict.kind !== 'none' ? verdict.previous.id : null;
    const draft = { ...check.draft, repeatOf: check.draft.repeatOf === linkable ? linkable : null };
    const result = await api.appeals.create(draft);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  { condition: (_: void, { getState }) => getState().intake.status === 'editing' },
);

/** The appeal on the closing step, re-read when sync announces it: its official number has arrived. */
export const refreshSavedAppeal = createAppAsyncThunk<Appeal, string>(
  'intake/refreshSaved',
  async (id, { extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.get({ id });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);
