// What the two countries' laws ask of an appeal beyond its deadline: whose appeals are handled first
// (the statutory benefit categories each offers) and whether the applicant's IIN is required.
//  - Ukraine, Law 393/96-VR Art. 20: war veterans, persons with disabilities and other holders of
//    statutory benefits first; no identification number is asked for.
//  - Kazakhstan, Administrative Procedural Code Art. 63: the IIN is part of the applicant's data.
//    Benefit holders after the Law "On veterans" (2020) and the Social Code (2023): veterans of the
//    Great Patriotic War and those equated with them, veterans of combat in other states, persons
//    with disabilities of groups I-II and children with disabilities, mothers of many children
//    awarded "Алтын алқа" / "Күміс алқа", large families, those affected by the Semipalatinsk
//    nuclear tests.
import type { FieldIssue } from '../result';
import { KZ_BENEFITS, UA_BENEFITS, type BenefitCategory } from './appeal';
import type { RuleSetId } from './deadlines';

export const BENEFITS: Record<RuleSetId, readonly BenefitCategory[]> = { ua: UA_BENEFITS, kz: KZ_BENEFITS };

export const IIN_REQUIRED_MESSAGE = 'The IIN is required in Kazakhstan (APC Art. 63)';

const field = (input: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
    input,
  );

/**
 * The country's own requirements of a draft, read defensively (the draft may be unparsed: the form
 * shows every problem at once). A malformed IIN or an unknown benefit is the schema's to report.
 */
export function countryIssues(input: unknown, ruleSet: RuleSetId): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const iin = field(input, 'applicant', 'iin');
  if (ruleSet === 'kz' && (iin === undefined || (typeof iin === 'string' && iin.trim() === '')))
    issues.push({ path: 'applicant.iin', code: 'required', message: IIN_REQUIRED_MESSAGE });
  const benefit = field(input, 'benefit');
  if (
    typeof benefit === 'string' &&
    benefit !== 'none' &&
    !(BENEFITS[ruleSet] as readonly string[]).includes(benefit)
  )
    issues.push({
      path: 'benefit',
      code: 'not_allowed',
      message: `"${benefit}" is not a statutory benefit category under the ${ruleSet.toUpperCase()} rules`,
    });
  return issues;
}
