import { useEffect, useMemo, useRef } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { pickText } from '../../../../shared/domain/i18nText';
import { selectLocale, selectRuleSet } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { selectIntakeFocusRequest } from '../../../app/navigationSlice';
import { useT } from '../../../i18n/useT';
import { selectScript } from '../../reference/referenceSlice';
import { formSections } from '../formLayout';
import { scriptSectionReached } from '../intakeSlice';
import { selectDraftForm, selectInvalidFocusRequest, selectVisibleSteps } from '../intakeSelectors';
import { AnonymousBanner } from './AnonymousBanner';
import { IntakeField } from './IntakeField';
import { SaveBar } from './SaveBar';
import { SavedPanel } from './SavedPanel';

const FIRST_FIELD =
  'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled])';

/** The appeal form, laid out by the call script's steps. */
export function IntakeForm() {
  const t = useT();
  const dispatch = useAppDispatch();
  const locale = useAppSelector(selectLocale);
  const ruleSet = useAppSelector(selectRuleSet);
  const script = useAppSelector(selectScript);
  const type = useAppSelector((s) => selectDraftForm(s).type);
  const steps = useAppSelector(selectVisibleSteps);
  const invalidFocusRequest = useAppSelector(selectInvalidFocusRequest);
  const focusRequest = useAppSelector(selectIntakeFocusRequest);
  const formRef = useRef<HTMLFormElement>(null);

  const sections = useMemo(
    () => (script ? formSections(script, type, ruleSet) : [{ stepId: null, stepIds: [], fields: [] }]),
    // Sections carry a heading, not an accessible name: names like "Category" would collide with
    // the labels of the fields inside when a person or a test looks a field up by its label.
    [script, type, ruleSet],
  );
  const rendered = useMemo(() => new Set<string>(sections.flatMap((s) => s.fields)), [sections]);
  const stepNumber = new Map(steps.map((s, i) => [s.id, i + 1]));

  // Save refused: put the cursor on the first field that needs the operator, in reading order.
  useEffect(() => {
    if (invalidFocusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidFocusRequest]);

  // Ctrl+N or a new appeal: start at the top.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
  }, [focusRequest]);

  return (
    <Box
      component="form"
      ref={formRef}
      noValidate
      aria-label={t('intake.title')}
      onSubmit={(e) => e.preventDefault()}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <SavedPanel />
      <AnonymousBanner />
      {sections.map((section, i) => {
        const title =
          section.stepIds.length > 0
            ? section.stepIds
                .map((id) => {
                  const step = steps.find((s) => s.id === id);
                  return `${stepNumber.get(id)}. ${step ? pickText(step.title, locale) : id}`;
                })
                .join(' · ')
            : section.fields.includes('type')
              ? t('field.type')
              : t('intake.otherDetails');
        return (
          <Paper
            key={section.stepId ?? `rest-${i}`}
            component="section"
            variant="outlined"
            data-step-id={section.stepId ?? undefined}
            data-step-ids={section.stepIds.join(' ') || undefined}
            onFocus={
              section.stepIds.length > 0 ? () => dispatch(scriptSectionReached(section.stepIds)) : undefined
            }
            sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
          >
            <Typography variant="subtitle2" component="h3" color="text.secondary">
              {title}
            </Typography>
            {section.fields.map((field) => (
              <IntakeField key={field} field={field} />
            ))}
          </Paper>
        );
      })}
      <SaveBar renderedFields={rendered} />
    </Box>
  );
}
