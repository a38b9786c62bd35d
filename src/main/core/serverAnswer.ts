// A server's outcome as the renderer's Result, the same way for every feature that reads the
// server online (the floor, incidents): a body in an unknown shape is `internal`; unreachable is
// `conflict` with the issue `offline` and the feature's words; a 4xx keeps the server's message,
// and its code as the issue, so the screen can say what happened (409 stale_version: another lead
// acted first).
import { assertNever, fail, ok, type FieldIssue, type Result } from '../../shared/result';
import type { ServerOutcome } from './serverApi';

export interface AnswerWords {
  /** What was asked for, for the unknown-shape message ("the figures"). */
  what: string;
  /** Said when the server cannot be reached. */
  offline: string;
  /** Said when the sign-in has ended. */
  sessionEnded: string;
}

export const offlineResult = (message: string): Result<never> =>
  fail('conflict', message, [{ path: '', code: 'offline', message }]);

export function serverAnswer<T>(
  outcome: ServerOutcome,
  parse: (body: unknown) => T | null,
  words: AnswerWords,
): Result<T> {
  switch (outcome.kind) {
    case 'ok': {
      const parsed = parse(outcome.body);
      return parsed === null
        ? fail('internal', `The server answered ${words.what} in an unknown shape`)
        : ok(parsed);
    }
    case 'unreachable':
      return offlineResult(words.offline);
    case 'signed_out':
      return fail('unauthorized', words.sessionEnded);
    case 'client_error': {
      const issues: FieldIssue[] = outcome.issues?.length
        ? outcome.issues
        : [{ path: '', code: outcome.code, message: outcome.message }];
      switch (outcome.status) {
        case 401:
          return fail('unauthorized', outcome.message);
        case 403:
          return fail('forbidden', outcome.message);
        case 404:
          return fail('not_found', outcome.message);
        case 409:
          return fail('conflict', outcome.message, [
            { path: '', code: outcome.code, message: outcome.message },
          ]);
        default:
          // 400 and the rest: the server's issues name the query's fields, as the input's own do.
          return fail('invalid_input', outcome.message, issues);
      }
    }
    default:
      return assertNever(outcome, 'server outcome');
  }
}
