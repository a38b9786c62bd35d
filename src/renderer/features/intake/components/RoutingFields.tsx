import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { CategoryPicker } from '../../reference/components/CategoryPicker';
import { ExecutorPicker } from '../../reference/components/ExecutorPicker';
import { CategorySuggestions } from '../../suggest/components/CategorySuggestions';
import { ExecutorSuggestions } from '../../suggest/components/ExecutorSuggestions';
import { fieldId } from '../draftForm';
import { categoryChosen, executorChosen, fieldBlurred } from '../intakeSlice';
import { selectDraftForm } from '../intakeSelectors';
import { useFieldIssue, useFormLocked } from './useFieldIssue';

export function CategoryField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const categoryId = useAppSelector((s) => selectDraftForm(s).categoryId);
  const { error, message } = useFieldIssue('categoryId');
  const locked = useFormLocked();
  return (
    <>
      <CategoryPicker
        id={fieldId('categoryId')}
        label={t('field.category')}
        value={categoryId}
        required
        disabled={locked}
        error={error}
        helperText={message}
        onChange={(o) =>
          dispatch(categoryChosen(o ? { id: o.id, defaultExecutorId: o.defaultExecutorId } : null))
        }
        onBlur={() => dispatch(fieldBlurred('categoryId'))}
      />
      <CategorySuggestions disabled={locked} />
    </>
  );
}

export function ExecutorField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const executorId = useAppSelector((s) => selectDraftForm(s).executorId);
  const categoryId = useAppSelector((s) => selectDraftForm(s).categoryId);
  const { error, message } = useFieldIssue('executorId');
  const locked = useFormLocked();
  return (
    <>
      <ExecutorPicker
        id={fieldId('executorId')}
        label={t('field.executor')}
        value={executorId}
        categoryId={categoryId}
        required
        disabled={locked}
        error={error}
        helperText={message}
        onChange={(id) => dispatch(executorChosen(id))}
        onBlur={() => dispatch(fieldBlurred('executorId'))}
      />
      <ExecutorSuggestions disabled={locked} />
    </>
  );
}
