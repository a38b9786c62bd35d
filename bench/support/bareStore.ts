// Bare baselines of the local store (issue 15): the same engine, file, key, pragmas and schema as
// the workstation, driven by hand-written statements with everything the project computes done
// beforehand. Beside a project figure they show how much of it is SQLite's own work.
import { randomUUID } from 'node:crypto';
import type { Appeal } from '../../src/shared/domain/appeal';
import type { Store } from '../../src/main/core/db/types';

/** One appeal's rows, ready to write: what a save must put on disk, already serialised. */
interface PreparedRows {
  sortKey: number;
  id: string;
  record: string;
  phones: string[];
  fts: [string, string, string];
  outbox: [string, string, string];
}

// Keys far above any the project hands out in this run (its keys are "now"), below 2^53.
const BARE_KEY_BASE = (Date.now() + 365 * 86_400_000) * 1024;

/**
 * A save with nothing above the engine: the appeal row, its phone, its full-text row and the
 * outbox row in one IMMEDIATE transaction, with the statements prepared once and the rows built
 * before the clock starts. `template` is an appeal the project saved, so the bytes are the same.
 */
export function bareSaver(store: Store): { prepare(template: Appeal, n: number): void; save(): void } {
  const db = store.db;
  const appealRow = db.prepare(
    `INSERT INTO appeals (sort_key, id, provisional_number, official_number, type, status, result, category_id,
      executor_id, priority, received_on, deadline_on, created_at, updated_at, version, repeat_of, building_key,
      operator_id, next_callback_at, is_open, in_work, record)
     VALUES (?, ?, ?, NULL, ?, ?, NULL, ?, ?, 0, ?, ?, ?, ?, 1, NULL, ?, ?, NULL, 1, 1, ?)`,
  );
  const phoneRow = db.prepare('INSERT OR IGNORE INTO appeal_phones (phone, appeal_key) VALUES (?, ?)');
  const ftsRow = db.prepare(
    'INSERT INTO appeals_fts (rowid, essence, applicant, address) VALUES (?, ?, ?, ?)',
  );
  const outboxRow = db.prepare(
    `INSERT INTO outbox (mutation_id, entity_type, entity_id, op, payload, created_at, author_id)
     VALUES (?, 'appeal', ?, 'create', ?, ?, ?)`,
  );
  let template: Appeal | null = null;
  let queue: PreparedRows[] = [];
  let next = 0;
  const write = db.transaction((rows: PreparedRows) => {
    const a = template!;
    appealRow.run(
      rows.sortKey,
      rows.id,
      `B-${next}`,
      a.type,
      a.status,
      a.categoryId,
      a.executorId,
      a.receivedOn,
      a.deadlineOn,
      a.createdAt,
      a.updatedAt,
      `bare-${next % 5000}`,
      a.operatorId,
      rows.record,
    );
    for (const phone of rows.phones) phoneRow.run(phone, rows.sortKey);
    ftsRow.run(rows.sortKey, ...rows.fts);
    outboxRow.run(...rows.outbox, a.createdAt, a.operatorId);
  });
  return {
    prepare(saved: Appeal, n: number) {
      template = saved;
      queue = Array.from({ length: n }, (_, i) => {
        const id = randomUUID();
        const appeal = { ...saved, id };
        const record = JSON.stringify(appeal);
        const address = saved.applicant.address;
        return {
          sortKey: BARE_KEY_BASE + next + i,
          id,
          record,
          phones: saved.applicant.phones,
          fts: [saved.essence, saved.applicant.fullName, `${address.street} ${address.building}`],
          outbox: [randomUUID(), id, record],
        };
      });
    },
    save() {
      const rows = queue.shift();
      if (rows === undefined) throw new Error('bareSaver: prepare() more rows first');
      // BEGIN IMMEDIATE, as the workstation's writes take the lock up front.
      write.immediate(rows);
      next++;
    },
  };
}

/**
 * The least the text index can do for a newest-first page: the MATCH alone, rowids only, in rowid
 * order, one row more than the page. The expressions (FTS5's prefix query of the search, or the
 * project's spelled-out one) are computed before the clock starts.
 */
export function bareMatch(store: Store, limit: number): (expression: string) => void {
  const statement = store.db
    .prepare('SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck();
  return (expression) => {
    statement.all(expression, limit + 1);
  };
}
