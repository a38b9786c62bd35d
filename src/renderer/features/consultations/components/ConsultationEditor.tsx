import { useEffect, useRef } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { selectRuleSet } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { selectConsultationFocusRequest } from '../../../app/navigationSlice';
import { issueMessage } from '../../../i18n/issueMessage';
import { useT } from '../../../i18n/useT';
import { CategoryPicker } from '../../reference/components/CategoryPicker';
import { ExecutorContacts } from '../../reference/components/ExecutorContacts';
import { ExecutorPicker } from '../../reference/components/ExecutorPicker';
import { selectExecutorById } from '../../reference/referenceSlice';
import type { ConsultationTextField } from '../consultationForm';
import {
  consultationCategoryChosen,
  consultationExecutorChosen,
  consultationFieldBlurred,
  consultationFieldEdited,
  selectConsultationIssues,
  selectConsultations,
} from '../consultationsSlice';
import { saveConsultation } from '../consultationsThunks';
import { FieldLabel } from '../../../app/FieldLabel';

const id = (field: string) => `consultation-${field}`;

/** A question answered on the line: what was asked, what the caller was told, and where to turn. */
export function ConsultationEditor() {
  const t = useT();
  const dispatch = useAppDispatch();
  const state = useAppSelector(selectConsultations);
  const issues = useAppSelector(selectConsultationIssues);
  const ruleSet = useAppSelector(selectRuleSet);
  const executors = useAppSelector(selectExecutorById);
  const focusRequest = useAppSelector(selectConsultationFocusRequest);
  const formRef = useRef<HTMLFormElement>(null);
  const { form } = state;
  const executor = form.executorId ? executors.get(form.executorId) : undefined;

  useEffect(() => {
    if (state.invalidFocusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.invalidFocusRequest]);

  // Saved: the form is empty again and the next caller starts with their number.
  const savedId = state.lastSaved?.id;
  useEffect(() => {
    if (savedId) document.getElementById(id('phone'))?.focus();
  }, [savedId]);

  useEffect(() => {
    if (focusRequest === 0) return;
    // The question is usually what is missing when the call came from an intake draft.
    const target = form.phone ? id('question') : id('phone');
    document.getElementById(target)?.focus();
    // Only a new request moves the cursor, not every edit of the phone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const text = (
    field: ConsultationTextField,
    label: string,
    extra: { multiline?: boolean; required?: boolean } = {},
  ) => {
    const issue = issues.get(field);
    return (
      <TextField
        id={id(field)}
        label={<FieldLabel text={label} required={extra.required} />}
        value={form[field]}
        required={extra.required}
        multiline={extra.multiline}
        minRows={extra.multiline ? 3 : undefined}
        maxRows={extra.multiline ? 10 : undefined}
        type={field === 'phone' ? 'tel' : undefined}
        error={issue !== undefined}
        helperText={issue ? issueMessage(t, issue, ruleSet) : undefined}
        onChange={(e) => dispatch(consultationFieldEdited({ field, value: e.target.value }))}
        onBlur={() => dispatch(consultationFieldBlurred(field))}
      />
    );
  };

  return (
    <Paper
      component="form"
      ref={formRef}
      noValidate
      aria-label={t('consult.title')}
      onSubmit={(e) => e.preventDefault()}
      variant="outlined"
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Typography variant="subtitle1" component="h2">
        {t('consult.title')}
      </Typography>
      {text('phone', t('field.phone'))}
      {text('question', t('field.question'), { multiline: true, required: true })}
      <CategoryPicker
        id={id('category')}
        label={t('field.category')}
        value={form.categoryId}
        onChange={(o) =>
          dispatch(
            consultationCategoryChosen(o ? { id: o.id, defaultExecutorId: o.defaultExecutorId } : null),
          )
        }
      />
      <ExecutorPicker
        id={id('executor')}
        label={t('field.executor')}
        value={form.executorId}
        categoryId={form.categoryId}
        onChange={(e) => dispatch(consultationExecutorChosen(e))}
      />
      {executor && (
        <Box sx={{ pl: 1.5, borderLeft: 3, borderColor: 'divider' }} data-testid="executor-contacts">
          <Typography variant="caption" color="text.secondary">
            {t('consult.executorContacts')}
          </Typography>
          <ExecutorContacts executor={executor} />
        </Box>
      )}
      {text('answer', t('field.answer'), { multiline: true, required: true })}
      {state.submitAttempted && issues.size > 0 && (
        <Alert severity="error" role="alert">
          {t('consult.fixProblems', { count: issues.size })}
        </Alert>
      )}
      {state.saveError && (
        <Alert severity="error" role="alert">
          {t('consult.failed', {
            // A role that may not record consultations (the service's `forbidden`), in the user's language.
            message: state.saveError.code === 'forbidden' ? t('consult.forbidden') : state.saveError.message,
          })}
        </Alert>
      )}
      {state.lastSaved && (
        <Alert severity="success" role="status">
          {t('consult.saved')}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <Button variant="contained" onClick={() => void dispatch(saveConsultation())} disabled={state.saving}>
          {state.saving ? t('consult.saving') : t('consult.save')}
        </Button>
        <Typography variant="caption" color="text.secondary">
          Ctrl+S
        </Typography>
      </Box>
    </Paper>
  );
}
