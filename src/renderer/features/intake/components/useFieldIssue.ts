import { selectRuleSet } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { issueMessage } from '../../../i18n/issueMessage';
import { useT } from '../../../i18n/useT';
import { selectIntakeStatus, selectVisibleIssues } from '../intakeSelectors';

/** `error` and `helperText` for the control that edits `path`. */
export function useFieldIssue(path: string): { error: boolean; message: string | undefined } {
  const t = useT();
  const ruleSet = useAppSelector(selectRuleSet);
  // A string, not the issue object: fields re-render only when their own problem changes.
  const code = useAppSelector((state) => {
    const issue = selectVisibleIssues(state).get(path);
    return issue ? `${issue.code}\u0000${issue.message}` : undefined;
  });
  if (code === undefined) return { error: false, message: undefined };
  const [issueCode, message] = code.split('\u0000') as [string, string];
  return { error: true, message: issueMessage(t, { path, code: issueCode, message }, ruleSet) };
}

/**
 * The form is read-only once registered. While a save is under way it stays enabled (the slice
 * takes no edits then): disabling the focused control would drop the cursor, and after a refused
 * save the operator would have to click back into the field.
 */
export function useFormLocked(): boolean {
  return useAppSelector(selectIntakeStatus) === 'saved';
}
