// Prepared statements cached per connection: preparing costs more than running a small query,
// and a saved appeal should cost well under a millisecond of SQL.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ReadableDB } from './types';

const cache = new WeakMap<ReadableDB, Map<string, Database.Statement>>();

export function prepare<Row = unknown>(db: ReadableDB, sql: string): Database.Statement<unknown[], Row> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as Database.Statement<unknown[], Row>;
}
