// How a refused lifecycle step or amendment reaches the screen: an error whose one issue carries the
// refusal's code (lifecycle.ts, amendment.ts, protocol.ts's `stale_version`), which the renderer
// names in the user's language, and the field it is about. The error's own code says what kind of
// refusal it is, for callers that do not read issues.
import { fail, type ErrorCode, type Result } from '../../shared/result';
import { assertNever } from '../../shared/result';
import type { ChangeRefusal } from '../../shared/sync/protocol';

const ERROR_CODE_OF: Record<ChangeRefusal, ErrorCode> = {
  forbidden: 'forbidden',
  wrong_organisation: 'forbidden',
  not_allowed_now: 'conflict',
  same_executor: 'conflict',
  closed: 'conflict',
  already_assigned: 'conflict',
  stale_version: 'conflict',
  reason_required: 'invalid_input',
  deadline_out_of_range: 'invalid_input',
  too_many_phones: 'invalid_input',
};

/** The input field a refusal is about (the form marks it); '' for the appeal as a whole. */
export function refusalPath(refusal: ChangeRefusal): string {
  switch (refusal) {
    case 'reason_required':
      return 'action.reason';
    case 'deadline_out_of_range':
      return 'action.deadlineOn';
    case 'same_executor':
      return 'action.executorId';
    case 'too_many_phones':
      return 'amendment.addPhones';
    case 'already_assigned':
      return 'amendment.corrections';
    case 'stale_version':
      return 'baseVersion';
    case 'forbidden':
    case 'wrong_organisation':
    case 'not_allowed_now':
    case 'closed':
      return '';
    default:
      return assertNever(refusal, 'refusal');
  }
}

export function refused(refusal: ChangeRefusal, message: string): Result<never> {
  return fail(ERROR_CODE_OF[refusal], message, [{ path: refusalPath(refusal), code: refusal, message }]);
}

export const STALE_MESSAGE =
  'The appeal changed since you opened it (someone else acted on it): look at it again before acting';
