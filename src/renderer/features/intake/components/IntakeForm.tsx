import { useEffect, useMemo, useRef } from 'react';
import Box from '@mui/material/Box';
import { pickText } from '../../../../shared/domain/i18nText';
import { selectLocale, selectRuleSet } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { selectIntakeFocusRequest } from '../../../app/navigationSlice';
import { useT } from '../../../i18n/useT';
import { selectScript } from '../../reference/referenceSlice';
import { formSections, type FormSection } from '../formLayout';
import { selectDraftForm, selectInvalidFocusRequest, selectVisibleSteps } from '../intakeSelectors';
import { FormSectionView } from './FormSectionView';
import { SaveBar } from './SaveBar';
import { SavedPanel } from './SavedPanel';
import { IncidentLinkStatus } from '../../incidents/components/IncidentLinkStatus';

const FIRST_FIELD =
  'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled])';

/** The appeal form, laid out by the call script's steps. */
export function IntakeForm() {
  const t = useT();
  const locale = useAppSelector(selectLocale);
  const ruleSet = useAppSelector(selectRuleSet);
  const script = useAppSelector(selectScript);
  const type = useAppSelector((s) => selectDraftForm(s).type);
  const steps = useAppSelector(selectVisibleSteps);
  const invalidFocusRequest = useAppSelector(selectInvalidFocusRequest);
  const focusRequest = useAppSelector(selectIntakeFocusRequest);
  const formRef = useRef<HTMLFormElement>(null);

  const sections = useMemo(
    (): FormSection[] =>
      script ? formSections(script, type, ruleSet) : [{ stepId: null, stepIds: [], fields: [] }],
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

  const titleOf = (section: FormSection) =>
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
    <Box
      component="form"
      ref={formRef}
      noValidate
      aria-label={t('intake.title')}
      onSubmit={(e) => e.preventDefault()}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, minWidth: 0 }}
    >
      <SavedPanel />
      <IncidentLinkStatus />
      <Box
        sx={{
          // Two sections share a row where each has room (category and executor).
          containerType: 'inline-size',
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: '10px 8px',
          // Room for the first section's heading, which sits on its top border.
          pt: 1,
        }}
      >
        {sections.map((section, i) => (
          <FormSectionView key={section.stepId ?? `rest-${i}`} section={section} title={titleOf(section)} />
        ))}
        <Box sx={{ gridColumn: '1 / -1' }}>
          <SaveBar renderedFields={rendered} />
        </Box>
      </Box>
    </Box>
  );
}
