// The one key (Alt+Enter): the first suggested category, and the executor the model suggests for
// that category at this address. With no category suggested (no essence yet) but a category
// chosen, the first suggested executor. The classifier's own default executor stays when the model
// has none to offer.
import { createAppAsyncThunk } from '../../app/createAppThunk';
import { categoryChosen, executorChosen } from '../intake/intakeSlice';
import { selectExecutorById, selectQuestionTypeById } from '../reference/referenceSlice';
import { suggestQueryOf } from './suggestQuery';
import { selectSuggestedCategories, selectSuggestedExecutors } from './suggestSlice';

export const acceptFirstSuggestion = createAppAsyncThunk(
  'suggest/firstAccepted',
  async (_: void, { getState, dispatch, extra: { api } }) => {
    const state = getState();
    if (state.intake.status !== 'editing') return;
    const executors = selectExecutorById(state);
    const first = selectSuggestedCategories(state)[0];
    if (!first) {
      const executor = selectSuggestedExecutors(state)[0];
      if (state.intake.form.categoryId !== null && executor) dispatch(executorChosen(executor.id));
      return;
    }
    const type = selectQuestionTypeById(state).get(first.id);
    dispatch(categoryChosen({ id: first.id, defaultExecutorId: type?.defaultExecutorId ?? null }));
    const query = suggestQueryOf(getState().intake.form);
    if (query === null) return;
    const answer = await api.suggest.query({ ...query, limits: { categories: 0, executors: 1 } });
    const executor = answer.ok && answer.value.model === 'ready' ? answer.value.executors[0] : undefined;
    // The operator may have chosen otherwise while the answer was on its way.
    if (executor && executors.has(executor.id) && getState().intake.form.categoryId === first.id)
      dispatch(executorChosen(executor.id));
  },
);
