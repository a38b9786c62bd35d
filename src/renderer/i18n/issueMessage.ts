// Turns a FieldIssue into a sentence that names the field and says what to do about it. Codes
// come from src/shared/domain/validation.ts; unknown codes still get a message naming the field.
import { LIMITS } from '../../shared/domain/appeal';
import type { RuleSetId } from '../../shared/domain/deadlines';
import type { FieldIssue } from '../../shared/result';
import type { MessageKey } from './dictionary';
import type { Translate } from './translate';

const FIELD_LABELS: [RegExp, MessageKey][] = [
  [/^type$/, 'field.type'],
  [/^channel$/, 'field.channel'],
  [/^applicant\.fullName$/, 'field.fullName'],
  [/^applicant\.phones(\.\d+)?$/, 'field.phone'],
  [/^applicant\.address\.city$/, 'field.city'],
  [/^applicant\.address\.district$/, 'field.district'],
  [/^applicant\.address\.street$/, 'field.street'],
  [/^applicant\.address\.building$/, 'field.building'],
  [/^applicant\.address\.flat$/, 'field.flat'],
  [/^applicant\.address$/, 'field.address'],
  [/^applicant\.email$/, 'field.email'],
  [/^applicant\.iin$/, 'field.iin'],
  [/^benefit$/, 'field.benefit'],
  [/^signatories$/, 'field.signatories'],
  [/^essence$/, 'field.essence'],
  [/^categoryId$/, 'field.category'],
  [/^executorId$/, 'field.executor'],
  [/^consentToPublish$/, 'field.consent'],
  [/^repeatOf$/, 'field.repeatOf'],
  [/^attachments/, 'field.attachments'],
  [/^phone$/, 'field.phone'],
  [/^question$/, 'field.question'],
  [/^answer$/, 'field.answer'],
];

export function fieldLabel(t: Translate, path: string): string {
  const phone = /^applicant\.phones\.(\d+)$/.exec(path);
  if (phone && Number(phone[1]) > 0) return t('field.phoneN', { n: Number(phone[1]) + 1 });
  const found = FIELD_LABELS.find(([re]) => re.test(path));
  return found ? t(found[1]) : path;
}

const MAX_BY_PATH: [RegExp, number][] = [
  [/^applicant\.fullName$/, LIMITS.fullName],
  [/^applicant\.address\.(building|flat)$/, 20],
  [/^applicant\.address\./, LIMITS.addressPart],
  [/^essence$/, LIMITS.essence],
  [/^(question|answer)$/, LIMITS.note],
  [/^applicant\.email$/, 254],
];

const CHOICES = /^(type|channel|benefit|categoryId|executorId)$/;

export function issueMessage(t: Translate, issue: FieldIssue, ruleSet: RuleSetId = 'ua'): string {
  const field = fieldLabel(t, issue.path);
  if (issue.path === 'signatories') return t('issue.signatories', { field });
  switch (issue.code) {
    case 'required':
      return CHOICES.test(issue.path) ? t('issue.requiredChoice', { field }) : t('issue.required', { field });
    case 'too_long': {
      const max = MAX_BY_PATH.find(([re]) => re.test(issue.path))?.[1] ?? /\d+/.exec(issue.message)?.[0];
      return max === undefined ? t('issue.tooLongNoMax', { field }) : t('issue.tooLong', { field, max });
    }
    case 'phone_invalid':
      return t(ruleSet === 'kz' ? 'issue.phoneKz' : 'issue.phone', { field });
    case 'email_invalid':
      return t('issue.email', { field });
    case 'iin_invalid':
      return t('issue.iin', { field });
    case 'too_small':
      return t('issue.tooSmall', { field });
    case 'too_big':
      return t('issue.tooBig', { field });
    case 'not_allowed':
      // A missing choice (e.g. no appeal type yet) arrives as "not one of the values".
      return CHOICES.test(issue.path)
        ? t('issue.requiredChoice', { field })
        : t('issue.notAllowed', { field });
    case 'unknown_field':
      return t('issue.unknownField', { field });
    case 'unstorable':
      return t('issue.unstorable', { field });
    case 'wrong_type':
      return CHOICES.test(issue.path) ? t('issue.requiredChoice', { field }) : t('issue.invalid', { field });
    default:
      return t('issue.invalid', { field });
  }
}
