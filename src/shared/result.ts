// Expected failures travel as values. The set of codes is closed so every caller can handle each one.
export const errorCodes = [
  'invalid_input', // the input failed validation; `issues` name the fields
  'not_found',
  'conflict', // a version check lost, or a uniqueness rule was hit
  'too_large', // a message or field over its size limit
  'storage_error', // the local store could not be opened or written (wrong key, corrupt or foreign file)
  'unauthorized',
  'forbidden', // signed in, but the account's role may not do this
  'internal', // a bug: logged without personal data
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. `applicant.phones.0`. */
  path: string;
  /** Machine code the UI translates, e.g. `required`, `phone_invalid`. */
  code: string;
  /** English fallback a person can act on. */
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
