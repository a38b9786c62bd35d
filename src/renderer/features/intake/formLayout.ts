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
  /** The step whose fields the section holds; null for the fields no visible step holds. */
  stepId: string | null;
  /**
   * Every step the section stands for, in the script's order. A step with nothing left to fill
   * here (its fields are in an earlier section, or it has none, like a complaint's "decision
   * challenged", which the essence records) shares a section, so the form's step numbers run
   * without gaps and match the script beside it.
   */
  stepIds: string[];
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

/**
 * The appeal type (or the switch to a consultation) is the operator's first decision and decides
 * which steps apply, so it leads the first section whichever step the script gives it.
 */
export function formSections(script: CallScript, type: AppealType | null, ruleSet: RuleSetId): FormSection[] {
  const editable = EDITABLE.filter((f) => f !== 'applicant.iin' || ruleSet === 'kz');
  const steps = stepsFor(script, type);
  const order = new Map(steps.map((s, i) => [s.id, i]));
  const sections: FormSection[] = [];
  const sectionOf = new Map<ScriptField, FormSection>();
  /** Steps that share a section; `first` is the section the type leads, known only at the end. */
  const shared: { stepId: string; host: FormSection | 'first' }[] = [];
  for (const step of steps) {
    // The closing step reads back the number: the saved panel, not a section of fields.
    if (step.closing) continue;
    const own = step.fields.filter((f) => f !== 'type' && editable.includes(f) && !sectionOf.has(f));
    if (own.length > 0) {
      const section: FormSection = { stepId: step.id, stepIds: [step.id], fields: own };
      sections.push(section);
      for (const f of own) sectionOf.set(f, section);
      continue;
    }
    const placedIn = step.fields
      .map((f) => (f === 'type' ? 'first' : sectionOf.get(f)))
      .find((s) => s !== undefined);
    shared.push({ stepId: step.id, host: placedIn ?? sections.at(-1) ?? 'first' });
  }
  const inScript = new Set(script.steps.flatMap((s) => s.fields));
  const rest = editable.filter(
    (f) => !sectionOf.has(f) && (!inScript.has(f) || REQUIRED.has(f)) && f !== 'type',
  );
  if (rest.length > 0) sections.push({ stepId: null, stepIds: [], fields: rest });
  if (sections.length === 0) sections.push({ stepId: null, stepIds: [], fields: [] });
  const first = sections[0]!;
  first.fields.unshift('type');
  for (const { stepId, host } of shared) (host === 'first' ? first : host).stepIds.push(stepId);
  for (const s of sections) s.stepIds.sort((a, b) => order.get(a)! - order.get(b)!);
  return sections;
}

/** Which field of the form a dotted issue path belongs to. */
export function scriptFieldOf(path: string): ScriptField | null {
  if (path.startsWith('applicant.address')) return 'applicant.address';
  if (path.startsWith('applicant.phones')) return 'applicant.phones';
  const head = path.split('.').slice(0, 2).join('.');
  const candidates: string[] = [path, head, path.split('.')[0]!];
  return (EDITABLE.find((f) => candidates.includes(f)) as ScriptField | undefined) ?? null;
}
