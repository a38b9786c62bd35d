// The outbox: local changes waiting to be pushed (ARCHITECTURE.md, "Sync protocol"). A change and
// its outbox entry are written in one transaction by the service that makes the change.
import { uuidv7 } from '../../shared/domain/ids';
import { prepare } from './statements';
import type { ReadableDB, WritableDB } from './types';

export const outboxEntityTypes = ['appeal', 'consultation', 'call'] as const;
export type OutboxEntityType = (typeof outboxEntityTypes)[number];
/** `create`: a record made once; `upsert`: the whole record at each change (calls), highest version wins. */
export type OutboxOp = 'create' | 'upsert';

export interface NewMutation {
  entityType: OutboxEntityType;
  entityId: string;
  op: OutboxOp;
  payload: unknown;
  createdAt: string;
}

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  entityType: OutboxEntityType;
  entityId: string;
  op: OutboxOp;
  payload: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

/** Appends a mutation and returns its seq. */
export function enqueueMutation(db: WritableDB, m: NewMutation): number {
  const result = prepare(
    db,
    `INSERT INTO outbox (mutation_id, entity_type, entity_id, op, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    uuidv7(Date.parse(m.createdAt)),
    m.entityType,
    m.entityId,
    m.op,
    JSON.stringify(m.payload),
    m.createdAt,
  );
  return Number(result.lastInsertRowid);
}

export function pendingMutations(db: ReadableDB, limit: number): OutboxEntry[] {
  return prepare<OutboxEntry>(
    db,
    `SELECT seq, mutation_id AS mutationId, entity_type AS entityType, entity_id AS entityId, op, payload,
       created_at AS createdAt, attempts, last_error AS lastError
     FROM outbox ORDER BY seq LIMIT ?`,
  ).all(limit);
}

export const countPendingMutations = (db: ReadableDB): number =>
  prepare<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox').get()!.n;
