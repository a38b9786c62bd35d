// The outbox: local changes waiting to be pushed (ARCHITECTURE.md, "Sync protocol"). A change and
// its outbox entry are written in one transaction by the service that makes the change. Each entry
// names its author, and is pushed only under that author's sign-in (src/main/sync/syncCycle.ts).
import { uuidv7 } from '../../../shared/domain/ids';
import { assertNever } from '../../../shared/result';
import { prepare } from './statements';
import type { ReadableDB, WritableDB } from './types';

/**
 * `appeal_transition` and `appeal_amend` are changes to an appeal that exists (entity id = the
 * appeal's id): a lifecycle step or an amendment with the version its author saw. The server
 * decides them; the workstation shows them as pending until it has.
 */
export const outboxEntityTypes = [
  'appeal',
  'consultation',
  'call',
  'appeal_transition',
  'appeal_amend',
] as const;
export type OutboxEntityType = (typeof outboxEntityTypes)[number];
/** Changes to an existing appeal, which the server decides (and the workstation shows as pending). */
export const APPEAL_CHANGE_TYPES = ['appeal_transition', 'appeal_amend'] as const;
export type AppealChangeType = (typeof APPEAL_CHANGE_TYPES)[number];
export const isAppealChange = (type: OutboxEntityType): type is AppealChangeType =>
  (APPEAL_CHANGE_TYPES as readonly string[]).includes(type);
/**
 * `create`: a record made once; `upsert`: the whole record at each change (calls), highest version
 * wins; `change`: a step applied to a record the server has (lifecycle steps, amendments).
 */
export type OutboxOp = 'create' | 'upsert' | 'change';

export interface NewMutation {
  entityType: OutboxEntityType;
  entityId: string;
  op: OutboxOp;
  payload: unknown;
  createdAt: string;
  /**
   * The signed-in user who made the change. null only where nobody signs in (a workstation
   * without a server): such entries go with the first user allowed to make them who signs in.
   */
  authorId: string | null;
}

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  entityType: OutboxEntityType;
  entityId: string;
  op: OutboxOp;
  payload: string;
  createdAt: string;
  authorId: string | null;
  attempts: number;
  lastError: string | null;
}

/** Appends a mutation and returns its seq. */
export function enqueueMutation(db: WritableDB, m: NewMutation): number {
  const result = prepare(
    db,
    `INSERT INTO outbox (mutation_id, entity_type, entity_id, op, payload, created_at, author_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uuidv7(Date.parse(m.createdAt)),
    m.entityType,
    m.entityId,
    m.op,
    JSON.stringify(m.payload),
    m.createdAt,
    m.authorId,
  );
  return Number(result.lastInsertRowid);
}

/** The oldest entries of one author, in seq order: what a push under that author's sign-in sends. */
export function pendingMutationsOf(db: ReadableDB, authorId: string, limit: number): OutboxEntry[] {
  return prepare<OutboxEntry>(
    db,
    `SELECT seq, mutation_id AS mutationId, entity_type AS entityType, entity_id AS entityId, op, payload,
       created_at AS createdAt, author_id AS authorId, attempts, last_error AS lastError
     FROM outbox WHERE author_id = ? ORDER BY seq LIMIT ?`,
  ).all(authorId, limit);
}

/**
 * Entries without an author (queued before authors were recorded, or with no server) become the
 * signed-in user's when that user may make them; returns how many were taken.
 */
export function adoptUnauthored(
  db: WritableDB,
  authorId: string,
  entityTypes: readonly OutboxEntityType[],
): number {
  let adopted = 0;
  for (const type of entityTypes)
    adopted += prepare(db, 'UPDATE outbox SET author_id = ? WHERE author_id IS NULL AND entity_type = ?').run(
      authorId,
      type,
    ).changes;
  return adopted;
}

/** The queue as one user sees it: their own entries, and those waiting for someone else's sign-in. */
export interface OutboxCounts {
  mine: number;
  others: number;
}

/** With nobody signed in (null), every entry waits for someone's sign-in. */
export function countPendingFor(db: ReadableDB, authorId: string | null): OutboxCounts {
  const row = prepare<{ mine: number; total: number }>(
    db,
    `SELECT (SELECT count(*) FROM outbox WHERE author_id = ?) AS mine, (SELECT count(*) FROM outbox) AS total`,
  ).get(authorId)!;
  return { mine: row.mine, others: row.total - row.mine };
}

/** One author's records not on the server yet, by kind (a call counts once, however many changes). */
export interface PendingRecords {
  appeals: number;
  consultations: number;
  calls: number;
}

/** The kind of record an entry changes: a lifecycle step or amendment counts with its appeal. */
export function recordKindOf(type: OutboxEntityType): 'appeal' | 'consultation' | 'call' {
  switch (type) {
    case 'appeal':
    case 'appeal_transition':
    case 'appeal_amend':
      return 'appeal';
    case 'consultation':
    case 'call':
      return type;
    default:
      return assertNever(type, 'outbox entity type');
  }
}

export function pendingRecordsOf(db: ReadableDB, authorId: string): PendingRecords {
  const ids = { appeal: new Set<string>(), consultation: new Set<string>(), call: new Set<string>() };
  const rows = prepare<{ entityType: OutboxEntityType; entityId: string }>(
    db,
    `SELECT DISTINCT entity_type AS entityType, entity_id AS entityId FROM outbox WHERE author_id = ?`,
  ).all(authorId);
  // An appeal registered and then acted on is one record waiting, not two.
  for (const { entityType, entityId } of rows) ids[recordKindOf(entityType)].add(entityId);
  return { appeals: ids.appeal.size, consultations: ids.consultation.size, calls: ids.call.size };
}
