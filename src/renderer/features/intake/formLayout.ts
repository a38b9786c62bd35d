// The form follows the call script: each visible step becomes a section holding the fields that
// step fills, in the script's order. Fields the law requires but the script does not place still
// get a section, so a thin script can never make an appeal impossible to register.
import {
  scriptFields,
  stepsFor,
  type AppealType,
  type CallScript,
  type ScriptField,
} from '../../../shared/domain';
import type { RuleSetId } from '../../../shared/domain/deadlines';

export interface FormSection {
  /** Null for the section of fields no visible step holds. */
  stepId: string | null;
  fields: ScriptField[];
}

/** Fields the form can edit today; attachments arrive with their own issue. */
const EDITABLE: readonly ScriptField[] = scriptFields.filter((f) => f !== 'attachments');

/** Art. 5 (name, residence, essence) plus what routing needs. */
const REQUIRED: ReadonlySet<ScriptField> = new Set([
  'type',
  'applicant.fullName',
  'applicant.address',
  'essence',
  'categoryId',
  'executorId',
]);

export function formSections(script: CallScript, type: AppealType | null, ruleSet: RuleSetId): FormSection[] {
  const editable = EDITABLE.filter((f) => f !== 'applicant.iin' || ruleSet === 'kz');
  const placed = new Set<ScriptField>();
  const sections: FormSection[] = [];
  for (const step of stepsFor(script, type)) {
    const fields = step.fields.filter((f) => editable.includes(f) && !placed.has(f));
    for (const f of fields) placed.add(f);
    if (fields.length > 0) sections.push({ stepId: step.id, fields });
  }
  const inScript = new Set(script.steps.flatMap((s) => s.fields));
  const rest = editable.filter(
    (f) => !placed.has(f) && (!inScript.has(f) || REQUIRED.has(f)) && f !== 'type',
  );
  if (rest.length > 0) sections.push({ stepId: null, fields: rest });
  return typeFirst(sections);
}

/**
 * The appeal type (or the switch to a consultation) is the operator's first decision and decides
 * which steps apply, so it leads the first section whichever step the script gives it.
 */
function typeFirst(sections: FormSection[]): FormSection[] {
  const without = sections
    .map((s) => ({ ...s, fields: s.fields.filter((f) => f !== 'type') }))
    .filter((s) => s.fields.length > 0);
  const first = without[0];
  if (!first) return [{ stepId: null, fields: ['type'] }];
  return [{ ...first, fields: ['type', ...first.fields] }, ...without.slice(1)];
}

/** Which field of the form a dotted issue path belongs to. */
export function scriptFieldOf(path: string): ScriptField | null {
  if (path.startsWith('applicant.address')) return 'applicant.address';
  if (path.startsWith('applicant.phones')) return 'applicant.phones';
  const head = path.split('.').slice(0, 2).join('.');
  const candidates: string[] = [path, head, path.split('.')[0]!];
  return (EDITABLE.find((f) => candidates.includes(f)) as ScriptField | undefined) ?? null;
}
