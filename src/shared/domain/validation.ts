// Turns schema failures into field issues with stable codes the UI translates, and applies the
// legal classification of Art. 5 and Art. 8 (what makes a submission an appeal at all).
import type { z } from 'zod';
import type { FieldIssue } from '../result';
import { AppealDraft, type AppealDraftInput } from './appeal';
import { countryIssues } from './countryRules';
import type { RuleSetId } from './deadlines';
import { UNSTORABLE_MESSAGE } from './storable';

const NOTHING = Symbol('nothing at this path');

/** The value the caller sent at an issue's path, or NOTHING when the path does not exist. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) return NOTHING;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const isMissing = (v: unknown) => v === NOTHING || v === undefined || v === '';

/** Maps a zod issue to a stable code: `required`, `too_long`, `too_small`, `phone_invalid`, ... */
function codeOf(issue: z.core.$ZodIssue, input: unknown): string {
  const last = issue.path[issue.path.length - 1];
  // A field left empty is `required` whatever the schema's own complaint about it (an enum says
  // "invalid option", an object "expected object"): the operator's fix is the same. A choice not
  // yet made is sent as null; null where text is expected is a client bug (`wrong_type`).
  if (input !== undefined) {
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_value' && (isMissing(value) || value === null)) return 'required';
    if (issue.code === 'invalid_type' && isMissing(value)) return 'required';
  }
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === 1 && issue.origin === 'string' ? 'required' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    case 'invalid_type': {
      // zod 4 leaves `input` out of an issue unless parsed with `reportInput`; its message still
      // names what it received, so a wrong type is not mistaken for a missing field.
      const missing =
        'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
      return missing ? 'required' : 'wrong_type';
    }
    case 'invalid_value':
      return 'not_allowed';
    case 'invalid_format':
      return last === 'email' ? 'email_invalid' : 'invalid_format';
    case 'custom':
      // NUL, control characters or a broken surrogate (often pasted): no store can keep them.
      if (issue.message === UNSTORABLE_MESSAGE) return 'unstorable';
      if (issue.path.includes('phones') || last === 'phone') return 'phone_invalid';
      if (last === 'iin') return 'iin_invalid';
      return 'invalid';
    case 'invalid_union':
      if (last === 'email') return 'email_invalid';
      if (last === 'iin') return 'iin_invalid';
      if (last === 'phone') return 'phone_invalid';
      return 'invalid';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid';
  }
}

/** The message of a union failure is the one of its most specific branch, not zod's generic text. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    const branch = issue.errors.flat().find((e) => e.code !== 'invalid_value');
    if (branch) return branch.message;
  }
  return issue.message;
}

/** `input` is what was parsed: with it, a missing value is reported as `required` for every kind of field. */
export function fieldIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: codeOf(issue, input),
    message: messageOf(issue),
  }));
}

export type DraftCheck =
  | { kind: 'valid'; draft: AppealDraft }
  /**
   * Art. 8: an appeal that does not name its author or the place of residence is anonymous and not
   * considered. The operator can still help the caller with a consultation.
   */
  | { kind: 'anonymous'; missing: ('fullName' | 'address')[]; issues: FieldIssue[] }
  | { kind: 'invalid'; issues: FieldIssue[] };

/** `ruleSet`: the country whose law the center applies (its IIN and benefit rules, countryRules.ts). */
export function checkDraft(input: AppealDraftInput | unknown, ruleSet: RuleSetId = 'ua'): DraftCheck {
  const parsed = AppealDraft.safeParse(input);
  const country = countryIssues(input, ruleSet);
  if (parsed.success)
    return country.length === 0
      ? { kind: 'valid', draft: parsed.data }
      : { kind: 'invalid', issues: country };
  const schema = fieldIssues(parsed.error, input);
  const issues = [...schema, ...country.filter((c) => !schema.some((i) => i.path === c.path))];
  const missing: ('fullName' | 'address')[] = [];
  if (issues.some((i) => i.path === 'applicant.fullName' && i.code === 'required')) missing.push('fullName');
  if (issues.some((i) => i.path.startsWith('applicant.address') && i.code === 'required'))
    missing.push('address');
  if (missing.length > 0) return { kind: 'anonymous', missing, issues };
  return { kind: 'invalid', issues };
}
