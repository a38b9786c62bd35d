// The statements of lifecycle changes, inside the caller's transaction. A batch of changes costs a
// fixed number of them whatever its size: one lock-and-read, one reference lookup, one write.
import type { Appeal } from '../../shared/domain/appeal';
import type { TermKind } from '../../shared/domain/deadlines';
import { roles, type Role } from '../../shared/sync/auth';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../appeals/repository';
import type { PoolClient, Queryable } from '../db/pool';
import { appealColumns, type DecidedChange } from './decide';

/**
 * The appeals, each locked until the transaction ends: a concurrent change of one of them waits
 * here and then reads the version this one stored. Locked in id order, so two batches that
 * change the same appeals cannot deadlock each other. `db` must hold a transaction: outside one
 * the lock would end with the statement.
 */
export async function lockAppeals(db: PoolClient, ids: readonly string[]): Promise<Map<string, Appeal>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<AppealRow>(
    `SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, appealFromRow(row)]));
}

/** The role of whoever changed the appeal last (for a stale-version answer), null if unknown. */
export async function lastChangerRole(db: Queryable, appealId: string): Promise<Role | null> {
  const { rows } = await db.query<{ role: string | null }>(
    `SELECT u.role FROM appeal_history h LEFT JOIN users u ON u.id = h.user_id
      WHERE h.appeal_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT 1`,
    [appealId],
  );
  const role = rows[0]?.role;
  return roles.find((r) => r === role) ?? null;
}

export interface References {
  terms: Map<string, TermKind>;
  executors: Set<string>;
}

/** Category terms and which executors exist, in one statement. */
export async function loadReferences(
  db: Queryable,
  wanted: { categories: readonly string[]; executors: readonly string[] },
): Promise<References> {
  const out: References = { terms: new Map(), executors: new Set() };
  if (wanted.categories.length === 0 && wanted.executors.length === 0) return out;
  const { rows } = await db.query<{ kind: 'category' | 'executor'; id: string; term: TermKind | null }>(
    `SELECT 'category' AS kind, id, term FROM categories WHERE id = ANY($1::text[])
     UNION ALL SELECT 'executor', id, NULL FROM executors WHERE id = ANY($2::text[])`,
    [[...new Set(wanted.categories)], [...new Set(wanted.executors)]],
  );
  for (const r of rows) {
    if (r.kind === 'category' && r.term !== null) out.terms.set(r.id, r.term);
    else if (r.kind === 'executor') out.executors.add(r.id);
  }
  return out;
}

export interface WriteContext {
  userId: string;
  /** The workstation the changes came from; null for a change made through the REST API. */
  deviceId: string | null;
  /** How the change arrived, for the audit log. */
  via: 'sync' | 'api';
  now: Date;
}

/**
 * Stores applied changes in one statement: each appeal's final state (several changes of one appeal
 * leave its last), and per change a history row, an audit row and a change_log row that names the
 * organisations concerned, so an executor's pull finds it (migration 053).
 */
export async function writeChanges(
  db: Queryable,
  ctx: WriteContext,
  changes: readonly DecidedChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const finals = new Map<string, Appeal>();
  for (const c of changes) finals.set(c.appeal.id, c.appeal);
  const appeals = [...finals.values()].map((a) => {
    const { officialNumberProof: _proof, ...record } = a;
    return { ...appealColumns(a), record };
  });
  const steps = changes.map((c, ord) => ({
    ord,
    appeal_id: c.appeal.id,
    kind: c.kind,
    version: c.appeal.version,
    status_before: c.statusBefore,
    status_after: c.appeal.status,
    change: c.change,
    audit: { via: ctx.via, ...(ctx.deviceId ? { deviceId: ctx.deviceId } : {}), ...c.audit },
    executor_id: c.holder,
    previous_executor_id: c.previousHolder,
  }));
  const { rows } = await db.query<{ n: number }>(
    `WITH f AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, status text, result text, version integer,
         type text, category_id text, executor_id text, deadline_on date, priority boolean,
         next_callback_at timestamptz, building_key text, record jsonb)
     ),
     u AS (
       UPDATE appeals a SET status = f.status, result = f.result, version = f.version, type = f.type,
         category_id = f.category_id, executor_id = f.executor_id, deadline_on = f.deadline_on,
         priority = f.priority, next_callback_at = f.next_callback_at, building_key = f.building_key,
         record = f.record, updated_at = $3::timestamptz
         FROM f WHERE a.id = f.id
       RETURNING a.id
     ),
     x AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(ord integer, appeal_id uuid, kind text, version integer,
         status_before text, status_after text, change jsonb, audit jsonb, executor_id text, previous_executor_id text)
     ),
     h AS (
       INSERT INTO appeal_history (appeal_id, at, user_id, device_id, kind, version, status_before, status_after, change)
       SELECT appeal_id, $3::timestamptz, $4::uuid, $5, kind, version, status_before, status_after, change
         FROM x ORDER BY ord
     ),
     l AS (
       INSERT INTO audit_log (user_id, action, appeal_id, details)
       SELECT $4::uuid, 'appeal.change', appeal_id, audit FROM x ORDER BY ord
     ),
     c AS (
       INSERT INTO change_log (entity_type, entity_id, payload, executor_id, previous_executor_id)
       SELECT 'appeal', appeal_id::text, jsonb_build_object('op', kind, 'version', version), executor_id,
              previous_executor_id
         FROM x ORDER BY ord
     )
     SELECT count(*)::integer AS n FROM u`,
    [JSON.stringify(appeals), JSON.stringify(steps), ctx.now.toISOString(), ctx.userId, ctx.deviceId],
  );
  // The rows were locked by this transaction (lockAppeals), so every one is there.
  if (rows[0]?.n !== finals.size) throw new Error('A locked appeal was not updated');
}
