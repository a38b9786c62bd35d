// Migration 008: each queued change names its author. Changes queued before it keep no author
// (NULL) and go with the next signed-in user allowed to make them; one author's queue is read
// through an index.
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import {
  adoptUnauthored,
  countPendingFor,
  enqueueMutation,
  pendingMutationsOf,
  pendingRecordsOf,
  type NewMutation,
} from '../../../src/main/core/db/outbox';
import { rejectMutation } from '../../../src/main/sync/syncRepo';
import type { WritableDB } from '../../../src/main/core/db/types';

const OPERATOR_1 = '0d3c1c52-6f0e-4a8e-9a3b-5a1d2c3b4e01';
const OPERATOR_2 = '7b9e4f10-2c1d-4e5f-8a9b-0c1d2e3f4a02';

const storeAt = (version: number): WritableDB => {
  const db = new Database(':memory:') as WritableDB;
  migrate(db, MIGRATIONS, version);
  return db;
};

const change = (
  entityId: string,
  authorId: string | null,
  entityType: NewMutation['entityType'] = 'appeal',
) => ({
  entityType,
  entityId,
  op: entityType === 'call' ? ('upsert' as const) : ('create' as const),
  payload: { id: entityId },
  createdAt: '2026-11-22T10:00:00.000Z',
  authorId,
});

/** What version 7 wrote: no author column. */
function queueAt7(db: WritableDB, entityType: string, entityId: string, mutationId: string): void {
  db.prepare(
    `INSERT INTO outbox (mutation_id, entity_type, entity_id, op, payload, created_at)
     VALUES (?, ?, ?, 'create', '{}', '2026-11-22T10:00:00.000Z')`,
  ).run(mutationId, entityType, entityId);
}

describe('Migration 008 (outbox author)', () => {
  it('keeps what was queued before it, without an author, for the next signed-in user allowed to make it', () => {
    const db = storeAt(7);
    queueAt7(db, 'appeal', 'a-old', '01890a5d-ac96-774b-bcce-b302099a8001');
    queueAt7(db, 'call', 'c-old', '01890a5d-ac96-774b-bcce-b302099a8002');
    migrate(db, MIGRATIONS, 8);

    expect(db.prepare('SELECT entity_id, author_id FROM outbox ORDER BY seq').all()).toEqual([
      { entity_id: 'a-old', author_id: null },
      { entity_id: 'c-old', author_id: null },
    ]);
    // Nobody has them yet: an operator's sign-in would push neither until it adopts them.
    expect(countPendingFor(db, OPERATOR_1)).toEqual({ mine: 0, others: 2 });
    expect(adoptUnauthored(db, OPERATOR_1, ['appeal'])).toBe(1);
    expect(pendingMutationsOf(db, OPERATOR_1, 10).map((e) => e.entityId)).toEqual(['a-old']);
    expect(countPendingFor(db, OPERATOR_1)).toEqual({ mine: 1, others: 1 });
  });

  it("splits the queue by author: each user's own, in order, and what waits for the others", () => {
    const db = storeAt(8);
    enqueueMutation(db, change('a1', OPERATOR_1));
    enqueueMutation(db, change('a2', OPERATOR_2));
    enqueueMutation(db, change('c1', OPERATOR_1, 'call'));
    enqueueMutation(db, change('c1', OPERATOR_1, 'call'));
    enqueueMutation(db, change('a3', OPERATOR_1));

    expect(pendingMutationsOf(db, OPERATOR_1, 10).map((e) => [e.entityId, e.authorId])).toEqual([
      ['a1', OPERATOR_1],
      ['c1', OPERATOR_1],
      ['c1', OPERATOR_1],
      ['a3', OPERATOR_1],
    ]);
    expect(countPendingFor(db, OPERATOR_2)).toEqual({ mine: 1, others: 4 });
    expect(countPendingFor(db, null)).toEqual({ mine: 0, others: 5 });
    // A call changed twice is one record not uploaded.
    expect(pendingRecordsOf(db, OPERATOR_1)).toEqual({ appeals: 2, consultations: 0, calls: 1 });
  });

  it('reads one author’s queue through its index, not by scanning the outbox', () => {
    const db = storeAt(8);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE author_id = ? ORDER BY seq LIMIT 200`)
      .all(OPERATOR_1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX outbox_author/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('keeps the author of a change the server refused', () => {
    // Today's code writes today's columns: the store as it is after every migration.
    const db = storeAt(MIGRATIONS.length);
    const seq = enqueueMutation(db, change('a1', OPERATOR_2));
    rejectMutation(db, seq, 'forbidden', 'Not your change', '2026-11-22T10:01:00.000Z');
    expect(db.prepare('SELECT author_id, code FROM outbox_rejected').get()).toEqual({
      author_id: OPERATOR_2,
      code: 'forbidden',
    });
  });
});
