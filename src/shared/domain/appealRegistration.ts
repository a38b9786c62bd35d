// Registering an appeal: what the workstation's service checks beyond the contract's schema, and
// the record it makes. Main's service and the renderer's fake API both register with these
// functions, so the fake cannot drift from the real thing (numbers, deadlines, refusals).
import { fail, type FieldIssue, type Result } from '../result';
import { NEW_APPEAL_LIFECYCLE, type Appeal, type AppealDraft } from './appeal';
import { countryIssues } from './countryRules';
import { computeDeadline, type DeadlineConfig, type RuleSetId, type TermKind } from './deadlines';
import type { LocalDate } from './localDate';
import type { RepeatProbe } from './repeat';

/** The reference data a draft names, as lookups by id (main builds the maps once at start). */
export interface ReferenceIndex {
  typeById: Pick<ReadonlyMap<string, unknown>, 'has'>;
  executorById: Pick<ReadonlyMap<string, unknown>, 'has'>;
}

/** A question type or executor the reference data does not know (an empty one is the schema's to report). */
export function referenceIssues(
  reference: ReferenceIndex,
  categoryId: string,
  executorId: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (categoryId !== '' && !reference.typeById.has(categoryId)) {
    issues.push({
      path: 'categoryId',
      code: 'unknown',
      message: `No question type "${categoryId}" in the classifier`,
    });
  }
  if (executorId !== '' && !reference.executorById.has(executorId)) {
    issues.push({
      path: 'executorId',
      code: 'unknown',
      message: `No executor "${executorId}" in the directory`,
    });
  }
  return issues;
}

export interface RegistrationRules {
  ruleSet: RuleSetId;
  reference: ReferenceIndex;
  /** Whether the store holds the appeal a draft says it repeats. */
  appealExists(id: string): boolean;
}

/**
 * The contract's schema holds for both countries; the center's own law (Kazakhstan requires the
 * IIN, each country has its benefit categories) and the store's contents are checked here.
 */
export function registrationIssues(draft: AppealDraft, rules: RegistrationRules): FieldIssue[] {
  const issues = [
    ...countryIssues(draft, rules.ruleSet),
    ...referenceIssues(rules.reference, draft.categoryId, draft.executorId),
  ];
  if (draft.repeatOf !== null && !rules.appealExists(draft.repeatOf)) {
    issues.push({
      path: 'repeatOf',
      code: 'unknown',
      message: `No appeal "${draft.repeatOf}" in this store`,
    });
  }
  return issues;
}

/** The refusal of a draft with issues: every issue named, the message joining them. */
export const refusedFor = (issues: FieldIssue[]): Result<never> =>
  fail('invalid_input', issues.map((i) => i.message).join('; '), issues);

/** What Art. 8 repeat detection compares of a draft. */
export const repeatProbeOf = (draft: AppealDraft): RepeatProbe => ({
  applicantName: draft.applicant.fullName,
  phones: draft.applicant.phones,
  iin: draft.applicant.iin,
  address: draft.applicant.address,
  categoryId: draft.categoryId,
});

/** What the registering side decides about a new appeal: its identity, time, author and link. */
export interface Registration {
  id: string;
  provisionalNumber: string;
  /** The center's date of receipt (its time zone), which starts the deadline. */
  receivedOn: LocalDate;
  createdAt: string;
  operatorId: string;
  /** The operator's link, or the earlier appeal repeat detection found (Art. 8), or null. */
  repeatOf: string | null;
  /** The question type's term in the classifier. */
  term: TermKind;
  deadlines: DeadlineConfig;
}

/**
 * What an appeal starts its life with, on the workstation that registers it and on the server that
 * receives it: no official number yet, status `registered`, version 1, changed at `at`.
 */
export const registeredState = (at: string) => ({
  officialNumber: null,
  status: 'registered' as const,
  result: null,
  version: 1,
  updatedAt: at,
  lifecycle: NEW_APPEAL_LIFECYCLE,
});

/** The appeal as registered: status `registered`, version 1, its deadline computed by the law. */
export function registeredAppeal(draft: AppealDraft, r: Registration): Appeal {
  const deadline = computeDeadline(
    { receivedOn: r.receivedOn, term: r.term, benefit: draft.benefit },
    r.deadlines,
  );
  return {
    ...draft,
    repeatOf: r.repeatOf,
    id: r.id,
    provisionalNumber: r.provisionalNumber,
    ...registeredState(r.createdAt),
    priority: deadline.priority,
    receivedOn: r.receivedOn,
    deadlineOn: deadline.deadlineOn,
    deadlineRule: deadline.rule,
    createdAt: r.createdAt,
    operatorId: r.operatorId,
    supplements: [],
  };
}
