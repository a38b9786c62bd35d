// SQLite failures that are about the store itself (not a bug in a query) become `storage_error`
// values with a message the operator or an administrator can act on.
import type { AppError } from '../../../shared/result';

const sqliteCode = (err: unknown): string | null => {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

export const isSqliteError = (err: unknown, ...codes: string[]): boolean => {
  const code = sqliteCode(err);
  return code !== null && codes.some((c) => code === c || code.startsWith(`${c}_`));
};

export function damagedMessage(file: string): string {
  return `The local store ${file} is damaged: it cannot be read even with the right key. Restore it from a backup.`;
}

/** A storage failure as a value, or null when the error is not about the store (a bug). */
export function storageFailure(err: unknown, file: string): AppError | null {
  const code = sqliteCode(err);
  if (code === null) return null;
  const is = (c: string) => code === c || code.startsWith(`${c}_`);
  if (is('SQLITE_CORRUPT') || is('SQLITE_NOTADB'))
    return { code: 'storage_error', message: damagedMessage(file) };
  if (is('SQLITE_FULL')) {
    return {
      code: 'storage_error',
      message: `The disk holding ${file} is full: nothing was saved. Free some space.`,
    };
  }
  if (is('SQLITE_BUSY') || is('SQLITE_LOCKED')) {
    return {
      code: 'storage_error',
      message: `The local store ${file} is locked by another process (is the workstation open twice?). Try again.`,
    };
  }
  if (is('SQLITE_READONLY') || is('SQLITE_PERM') || is('SQLITE_CANTOPEN')) {
    return {
      code: 'storage_error',
      message: `The local store ${file} cannot be written: check its permissions.`,
    };
  }
  if (is('SQLITE_IOERR')) {
    return { code: 'storage_error', message: `Reading or writing ${file} failed (${code}): check the disk.` };
  }
  return null;
}
