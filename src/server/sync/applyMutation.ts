// Applying one pushed mutation exactly once (protocol.ts, "Exactly once"). The ledger row, the
// change, its history and its change_log row are written in one transaction; a concurrent or later
// delivery of the same mutation finds the ledger row and gets the recorded outcome.
import type { Pool, PoolClient } from 'pg';
import type { Appeal } from '../../shared/domain/appeal';
import { assertNever } from '../../shared/result';
import { buildingKey } from '../../shared/domain/appeal';
import type { Mutation, MutationResult } from '../../shared/sync/protocol';
import { nextRegistrationNumber } from '../appeals/registrationNumber';
import { checkMutation, type MutationEnvelope, type RejectionReason } from './pushEnvelope';
import { inTransaction } from './transaction';

export interface PushContext {
  deviceId: string;
  userId: string;
  centerCode: string;
}

interface LedgerRow {
  device_id: string;
  seq: string;
  mutation_id: string;
  status: 'pending' | 'applied' | 'rejected';
  result: { officialNumber?: string | null; code?: RejectionReason['code']; message?: string } | null;
}

type Outcome =
  | { status: 'applied' | 'duplicate'; officialNumber: string | null }
  | { status: 'rejected'; reason: RejectionReason };

function answer(m: MutationEnvelope, outcome: Outcome): MutationResult {
  return outcome.status === 'rejected'
    ? { mutationId: m.mutationId, seq: m.seq, status: 'rejected', reason: outcome.reason }
    : {
        mutationId: m.mutationId,
        seq: m.seq,
        status: outcome.status,
        officialNumber: outcome.officialNumber,
      };
}

/**
 * A batch in one transaction: one commit instead of one per mutation. Every write that can meet a
 * concurrent delivery uses ON CONFLICT, so a race never aborts the batch; a deadlock or
 * serialization failure retries the whole batch, which then finds what the other delivery did.
 */
export function applyBatch(
  pool: Pool,
  ctx: PushContext,
  batch: readonly MutationEnvelope[],
): Promise<MutationResult[]> {
  return inTransaction(pool, async (client) => {
    const results: MutationResult[] = [];
    for (const m of batch) results.push(await applyMutationIn(client, ctx, m));
    return results;
  });
}

/** Inside the caller's transaction (the batch's, or a test's that holds it open). */
export async function applyMutationIn(
  client: PoolClient,
  ctx: PushContext,
  m: MutationEnvelope,
): Promise<MutationResult> {
  return answer(m, await claimAndApply(client, ctx, m));
}

async function claimAndApply(client: PoolClient, ctx: PushContext, m: MutationEnvelope): Promise<Outcome> {
  // Claim first: a concurrent delivery of the same mutation waits here on the ledger's unique keys
  // until this transaction ends, then finds the recorded outcome.
  const claimed = await client.query(
    `INSERT INTO sync_ledger (device_id, seq, mutation_id, mutation_type, entity_id, user_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT DO NOTHING`,
    [ctx.deviceId, m.seq, m.mutationId, m.type, m.entityId, ctx.userId],
  );
  if (claimed.rowCount === 0) return recordedOutcome(client, ctx, m);

  const checked = checkMutation(m);
  const outcome: Outcome = checked.ok
    ? await apply(client, ctx, checked.mutation)
    : { status: 'rejected', reason: checked.reason };
  if (outcome.status === 'rejected') {
    await storeRejection(client, ctx, m, outcome.reason);
    await client.query(
      `UPDATE sync_ledger SET status = 'rejected', result = $3 WHERE device_id = $1 AND seq = $2`,
      [ctx.deviceId, m.seq, outcome.reason],
    );
  } else {
    await client.query(
      `UPDATE sync_ledger SET status = 'applied', result = $3 WHERE device_id = $1 AND seq = $2`,
      [ctx.deviceId, m.seq, { officialNumber: outcome.officialNumber }],
    );
  }
  return outcome;
}

async function recordedOutcome(client: PoolClient, ctx: PushContext, m: MutationEnvelope): Promise<Outcome> {
  const { rows } = await client.query<LedgerRow>(
    `SELECT device_id, seq::text, mutation_id, status, result FROM sync_ledger
     WHERE (device_id = $1 AND seq = $2) OR mutation_id = $3`,
    [ctx.deviceId, m.seq, m.mutationId],
  );
  const same = rows.find((r) => r.mutation_id === m.mutationId);
  if (same && same.device_id === ctx.deviceId) {
    if (same.status === 'rejected') {
      return {
        status: 'rejected',
        reason: { code: same.result?.code ?? 'invalid', message: same.result?.message ?? '' },
      };
    }
    return { status: 'duplicate', officialNumber: same.result?.officialNumber ?? null };
  }
  if (rows.length === 0) {
    // The claimer rolled back after we looked: claim again on the retry.
    throw Object.assign(new Error('ledger claim vanished'), { code: '40001' });
  }
  const reason: RejectionReason = same
    ? { code: 'conflict', message: `Mutation ${m.mutationId} was already pushed by another device` }
    : {
        code: 'conflict',
        message: `Sequence ${m.seq} of this device was already used by another mutation; the device's outbox numbering was reset`,
      };
  await storeRejection(client, ctx, m, reason);
  return { status: 'rejected', reason };
}

async function storeRejection(
  client: PoolClient,
  ctx: PushContext,
  m: MutationEnvelope,
  reason: RejectionReason,
): Promise<void> {
  await client.query(
    `INSERT INTO sync_rejections (device_id, user_id, mutation_id, seq, mutation_type, entity_id, code, message, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (device_id, mutation_id) DO NOTHING`,
    [
      ctx.deviceId,
      ctx.userId,
      m.mutationId,
      m.seq,
      m.type,
      m.entityId,
      reason.code,
      reason.message,
      m.payload,
    ],
  );
}

async function apply(client: PoolClient, ctx: PushContext, m: Mutation): Promise<Outcome> {
  switch (m.type) {
    case 'appeal.create':
      return createAppeal(client, ctx, m.payload);
    case 'consultation.create':
      return createConsultation(client, ctx, m.payload);
    default:
      return assertNever(m, 'mutation');
  }
}

type AppealPayload = Extract<Mutation, { type: 'appeal.create' }>['payload'];
type ConsultationPayload = Extract<Mutation, { type: 'consultation.create' }>['payload'];

async function createAppeal(client: PoolClient, ctx: PushContext, p: AppealPayload): Promise<Outcome> {
  // Idempotent by the appeal's own id: a record re-sent after a re-sync keeps its number.
  const existing = await client.query<{ official_number: string | null }>(
    'SELECT official_number FROM appeals WHERE id = $1',
    [p.id],
  );
  if (existing.rows[0]) return { status: 'duplicate', officialNumber: existing.rows[0].official_number };

  // The number belongs to the year the appeal was received, even when it reaches the server later.
  const year = Number(p.receivedOn.slice(0, 4));
  const officialNumber = await nextRegistrationNumber(client, ctx.centerCode, year);
  const now = new Date().toISOString();
  const record: Appeal = {
    ...p,
    officialNumber,
    status: 'registered',
    result: null,
    version: 1,
    updatedAt: now,
  };
  const inserted = await client.query(
    `INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id, type,
       status, result, version, priority, received_on, deadline_on, category_id, executor_id, building_key, record,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'registered', NULL, 1, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING`,
    [
      p.id,
      officialNumber,
      ctx.centerCode,
      year,
      p.provisionalNumber,
      ctx.deviceId,
      p.operatorId,
      p.type,
      p.priority,
      p.receivedOn,
      p.deadlineOn,
      p.categoryId,
      p.executorId,
      buildingKey(p.applicant.address),
      record,
      p.createdAt,
      now,
    ],
  );
  if (inserted.rowCount === 0) {
    // A concurrent delivery under another mutation id created it first (its number is used; the
    // one taken here is a permitted gap).
    const winner = await client.query<{ official_number: string | null }>(
      'SELECT official_number FROM appeals WHERE id = $1',
      [p.id],
    );
    return { status: 'duplicate', officialNumber: winner.rows[0]?.official_number ?? null };
  }
  // History, audit and the change log in one round trip.
  await client.query(
    `WITH h AS (INSERT INTO appeal_history (appeal_id, user_id, change) VALUES ($1, $2, $3)),
          a AS (INSERT INTO audit_log (user_id, action, appeal_id, details) VALUES ($2, 'appeal.create', $1, $4))
     INSERT INTO change_log (entity_type, entity_id, payload) VALUES ('appeal', $1, $5)`,
    [
      p.id,
      ctx.userId,
      { action: 'registered', officialNumber, via: 'sync', deviceId: ctx.deviceId, version: 1 },
      { via: 'sync', deviceId: ctx.deviceId },
      { op: 'create', version: 1 },
    ],
  );
  return { status: 'applied', officialNumber };
}

async function createConsultation(
  client: PoolClient,
  ctx: PushContext,
  p: ConsultationPayload,
): Promise<Outcome> {
  const inserted = await client.query(
    `INSERT INTO consultations (id, device_id, operator_id, channel, category_id, executor_id, record, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [p.id, ctx.deviceId, p.operatorId, p.channel, p.categoryId, p.executorId, p, p.createdAt],
  );
  if (inserted.rowCount === 0) return { status: 'duplicate', officialNumber: null };
  await appendChange(client, 'consultation', p.id, { op: 'create' });
  return { status: 'applied', officialNumber: null };
}

/** Every server-side change of an entity appends here in its own transaction, so pulls deliver it. */
export async function appendChange(
  client: PoolClient,
  entityType: 'appeal' | 'consultation',
  entityId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await client.query('INSERT INTO change_log (entity_type, entity_id, payload) VALUES ($1, $2, $3)', [
    entityType,
    entityId,
    payload,
  ]);
}
