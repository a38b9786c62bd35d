import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { categoryChosen } from '../../intake/intakeSlice';
import { selectDraftForm } from '../../intake/intakeSelectors';
import { selectSuggestedCategories, selectSuggestUnavailable } from '../suggestSlice';
import { useAcceptSuggestionKey } from '../useAcceptSuggestionKey';
import { SuggestionList } from './SuggestionList';

/**
 * Under the category picker: the model's likeliest question types for the essence typed so far,
 * each with its group; or, with no model, one line saying suggestions are unavailable. Mounted once
 * per intake form, it also owns the form's Alt+Enter.
 */
export function CategorySuggestions({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const categoryId = useAppSelector((s) => selectDraftForm(s).categoryId);
  const suggested = useAppSelector(selectSuggestedCategories);
  const unavailable = useAppSelector(selectSuggestUnavailable);
  useAcceptSuggestionKey();
  if (unavailable)
    return (
      <Typography
        role="status"
        data-testid="suggestions-unavailable"
        title={unavailable.message}
        sx={{ mt: 0.5, fontSize: 12.5, color: 'text.secondary' }}
      >
        {t(unavailable.reason === 'missing' ? 'suggest.unavailable.missing' : 'suggest.unavailable.corrupt')}
      </Typography>
    );
  if (disabled) return null;
  return (
    <SuggestionList
      label={t('suggest.categories')}
      testId="suggested-categories"
      showKey
      items={suggested.map((c) => ({
        id: c.id,
        name: c.option.name,
        detail: c.option.groupLabel,
        confidence: c.confidence,
        chosen: c.id === categoryId,
      }))}
      onPick={(id) => {
        const option = suggested.find((c) => c.id === id)?.option;
        if (option) dispatch(categoryChosen({ id, defaultExecutorId: option.defaultExecutorId }));
      }}
    />
  );
}
