import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { executorChosen } from '../../intake/intakeSlice';
import { selectDraftForm } from '../../intake/intakeSelectors';
import { selectSuggestedCategories, selectSuggestedExecutors } from '../suggestSlice';
import { SuggestionList } from './SuggestionList';

/**
 * Under the executor picker: who the model expects to handle it, from the chosen category (or the
 * likeliest ones) and the address's district when it is filled.
 */
export function ExecutorSuggestions({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const { executorId, categoryId } = useAppSelector(selectDraftForm);
  const suggested = useAppSelector(selectSuggestedExecutors);
  // Alt+Enter names the executor here only when no category is suggested to take first.
  const categories = useAppSelector(selectSuggestedCategories);
  if (disabled) return null;
  return (
    <SuggestionList
      label={t('suggest.executors')}
      testId="suggested-executors"
      showKey={categories.length === 0 && categoryId !== null}
      items={suggested.map((e) => ({
        id: e.id,
        name: e.name,
        confidence: e.confidence,
        chosen: e.id === executorId,
      }))}
      onPick={(id) => dispatch(executorChosen(id))}
    />
  );
}
