import type { Appeal } from '../../../shared/domain';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { selectRepeatCheck } from '../callerPanel/callerPanelSlice';
import { selectDraftCheck } from './intakeSelectors';

/**
 * Registers the draft; rejects with the service's error. A draft that fails the check never
 * starts saving (no `pending`, so the form does not lock and unlock under the operator's cursor):
 * the condition refuses it and the refusal (`meta.condition`) makes the form show every problem.
 */
export const registerAppeal = createAppAsyncThunk<Appeal | null>(
  'intake/register',
  async (_: void, { getState, extra: { api }, rejectWithValue }) => {
    const check = selectDraftCheck(getState());
    if (check.kind !== 'valid') return null;
    // A link to an earlier appeal stands only while the repeat check still names that appeal.
    const verdict = selectRepeatCheck(getState()).data;
    const linkable = verdict && verdict.kind !== 'none' ? verdict.previous.id : null;
    const draft = { ...check.draft, repeatOf: check.draft.repeatOf === linkable ? linkable : null };
    const result = await api.appeals.create(draft);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
  {
    condition: (_: void, { getState }) =>
      getState().intake.status === 'editing' && selectDraftCheck(getState()).kind === 'valid',
    dispatchConditionRejection: true,
  },
);

/** The appeal on the closing step, re-read when sync announces it: its official number has arrived. */
export const refreshSavedAppeal = createAppAsyncThunk<Appeal, string>(
  'intake/refreshSaved',
  async (id, { extra: { api }, rejectWithValue }) => {
    const result = await api.appeals.get({ id });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);
