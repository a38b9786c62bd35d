import { createSelector } from '@reduxjs/toolkit';
import { checkDraft, type DraftCheck } from '../../../shared/domain/validation';
import { stepsFor, type ScriptStep } from '../../../shared/domain/callScript';
import type { FieldIssue } from '../../../shared/result';
import { selectRuleSet } from '../../app/appSlice';
import type { RootState } from '../../app/store';
import { hasTypedWork, phoneIssueIndex, phonePath, toDraftInput } from './draftForm';

export const selectIntake = (state: RootState) => state.intake;
export const selectDraftForm = (state: RootState) => state.intake.form;
export const selectIntakeStatus = (state: RootState) => state.intake.status;
export const selectSavedAppeal = (state: RootState) => state.intake.saved;
export const selectSaveError = (state: RootState) => state.intake.saveError;
export const selectCurrentStepId = (state: RootState) => state.intake.currentStepId;
export const selectInvalidFocusRequest = (state: RootState) => state.intake.invalidFocusRequest;

/** Whether the draft holds the operator's typing (a new appeal would drop it: ask first). */
export const selectHasTypedWork = (state: RootState) =>
  hasTypedWork(state.intake.form, state.intake.defaultCity, state.intake.callerPhone);

/** The legal check of the draft as it stands (Art. 5 and Art. 8), recomputed only when it changes. */
export const selectDraftCheck = createSelector(
  [selectDraftForm, selectRuleSet],
  (form, ruleSet): DraftCheck => checkDraft(toDraftInput(form, ruleSet), ruleSet),
);

/** Issues keyed by the form's own paths (blank phones are skipped in the draft, not in the form). */
const selectDraftIssues = createSelector([selectDraftCheck, selectDraftForm], (check, form): FieldIssue[] => {
  if (check.kind === 'valid') return [];
  return check.issues.map((issue) => {
    const index = phoneIssueIndex(form, issue.path);
    return index === null ? issue : { ...issue, path: phonePath(index) };
  });
});

/**
 * What the operator sees: a field's problem appears once the field has been left (or on save),
 * never while it is being typed into; problems the service reported stay until the field is edited.
 */
export const selectVisibleIssues = createSelector(
  [selectDraftIssues, (state: RootState) => state.intake],
  (issues, intake): Map<string, FieldIssue> => {
    const visible = new Map<string, FieldIssue>();
    for (const issue of intake.serverIssues) {
      const index = phoneIssueIndex(intake.form, issue.path);
      const path = index === null ? issue.path : phonePath(index);
      if (!visible.has(path)) visible.set(path, { ...issue, path });
    }
    for (const issue of issues) {
      if (intake.typing === issue.path) continue;
      if (!intake.submitAttempted && !intake.touched[issue.path]) continue;
      if (!visible.has(issue.path)) visible.set(issue.path, issue);
    }
    return visible;
  },
);

/**
 * Art. 8: without a name or a place of residence the call cannot become an appeal. Shown once the
 * operator has something to register (the essence) or has tried to save, not on an empty form.
 */
export const selectAnonymousMissing = createSelector(
  [selectDraftCheck, (state: RootState) => state.intake],
  (check, intake): ('fullName' | 'address')[] => {
    if (check.kind !== 'anonymous') return [];
    const started = intake.submitAttempted || intake.form.essence.trim() !== '';
    const leftEmpty = check.missing.some((m) =>
      m === 'fullName'
        ? intake.touched['applicant.fullName']
        : Object.keys(intake.touched).some((k) => k.startsWith('applicant.address')),
    );
    return started || leftEmpty ? check.missing : [];
  },
);

export const selectVisibleSteps = createSelector(
  [(state: RootState) => state.reference.script, (state: RootState) => state.intake.form.type],
  (script, type): ScriptStep[] => (script ? stepsFor(script, type) : []),
);

/** The step the operator is at: the one holding the focused field, or the closing step once saved. */
export const selectActiveStepId = createSelector(
  [selectVisibleSteps, selectCurrentStepId, selectIntakeStatus],
  (steps, current, status): string | null => {
    if (status === 'saved') return steps.find((s) => s.closing)?.id ?? steps.at(-1)?.id ?? null;
    if (current && steps.some((s) => s.id === current)) return current;
    return steps[0]?.id ?? null;
  },
);
