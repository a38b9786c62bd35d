import { storageFailure } from './storageErrors';

const sqliteError = (code: string) => Object.assign(new Error('sqlite says no'), { code });

it.each([
  ['SQLITE_CORRUPT', /is damaged/],
  ['SQLITE_CORRUPT_INDEX', /is damaged/],
  ['SQLITE_NOTADB', /is damaged/],
  ['SQLITE_FULL', /disk .* is full: nothing was saved/],
  ['SQLITE_BUSY', /locked by another process/],
  ['SQLITE_READONLY_DBMOVED', /cannot be written/],
  ['SQLITE_IOERR_FSYNC', /SQLITE_IOERR_FSYNC.*check the disk/],
])('reports %s as a storage_error a person can act on', (code, message) => {
  const failure = storageFailure(sqliteError(code), '/data/workstation.db');
  expect(failure?.code).toBe('storage_error');
  expect(failure?.message).toMatch(message);
});

it('leaves other errors (bugs) to be thrown', () => {
  expect(storageFailure(sqliteError('SQLITE_CONSTRAINT_UNIQUE'), 'f')).toBeNull();
  expect(storageFailure(new TypeError('x is undefined'), 'f')).toBeNull();
});
