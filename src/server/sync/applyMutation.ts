// Applying pushed mutations exactly once (protocol.ts, "Exactly once"). The ledger rows, the
// changes, their history and their change_log rows are written in one transaction; a concurrent or
// later delivery of the same mutation finds the ledger row and gets the recorded outcome. A batch
// costs a fixed number of statements (claim, create, record), whatever its size; lifecycle steps
// and amendments add two (lock, write) and, for a change made on an old version, one to name the
// role that changed the appeal first (lifecycle/apply.ts).
import type { Pool, PoolClient } from 'pg';
import type { Mutation, MutationResult } from '../../shared/sync/protocol';
import { assertNever } from '../../shared/result';
import {
  createAppeals,
  createConsultations,
  type AppealItem,
  type AppealPayload,
  type ConsultationPayload,
  type PushContext,
} from './createRecords';
import { storableOrReplaced } from '../../shared/domain/storable';
import { applyLifecycleChanges, referencesNamedBy, type LifecycleItem } from '../lifecycle/apply';
import { loadReferences } from '../lifecycle/store';
import { applyOneByOne, isRefusedValue, storableJson } from './isolation';
import { checkMutation, type MutationEnvelope, type RejectionReason } from './pushEnvelope';
import { decideOwnedFields } from './serverOwned';
import { withRetriedTransaction } from './transaction';
import { upsertCalls, type CallPayload } from './upsertCalls';

export type { PushContext } from './createRecords';

interface LedgerRow {
  device_id: string;
  seq: string;
  mutation_id: string;
  status: 'pending' | 'applied' | 'rejected';
  result: {
    officialNumber?: string | null;
    code?: RejectionReason['code'];
    message?: string;
    refusal?: RejectionReason['refusal'];
  } | null;
}

type Outcome =
  | { status: 'applied' | 'duplicate'; officialNumber: string | null }
  | { status: 'rejected'; reason: RejectionReason };

function answer(ctx: PushContext, m: MutationEnvelope, outcome: Outcome): MutationResult {
  if (outcome.status === 'rejected') {
    return { mutationId: m.mutationId, seq: m.seq, status: 'rejected', reason: outcome.reason };
  }
  // The workstation keeps the proof beside the number for a re-send after a restore (numberProof.ts).
  const proof =
    m.type === 'appeal.create' && outcome.officialNumber !== null
      ? { officialNumberProof: ctx.proof.sign(m.entityId, outcome.officialNumber) }
      : {};
  return {
    mutationId: m.mutationId,
    seq: m.seq,
    status: outcome.status,
    officialNumber: outcome.officialNumber,
    ...proof,
  };
}

/**
 * A batch in one transaction: one commit instead of one per mutation. Every write that can meet a
 * concurrent delivery uses ON CONFLICT, so a race never aborts the batch; a deadlock or
 * serialization failure retries the whole batch, which then finds what the other delivery did.
 * Values are validated before they reach a statement; should one still be refused by PostgreSQL
 * (a gap in validation), the batch is applied again one mutation at a time, so only that mutation
 * is rejected and the rest of the batch is applied (isolation.ts).
 */
export async function applyBatch(
  pool: Pool,
  ctx: PushContext,
  batch: readonly MutationEnvelope[],
): Promise<MutationResult[]> {
  try {
    return await withRetriedTransaction(pool, (client) => applyMutationsIn(client, ctx, batch));
  } catch (e) {
    if (!isRefusedValue(e)) throw e;
    return applyOneByOne(pool, ctx, batch, applyMutationsIn, storeRejection);
  }
}

/**
 * The batch in the given order, inside the caller's transaction (the batch's, or a test's that holds
 * it open); results in the same order.
 */
export async function applyMutationsIn(
  client: PoolClient,
  ctx: PushContext,
  batch: readonly MutationEnvelope[],
): Promise<MutationResult[]> {
  // A mutation delivered twice in one batch (or a seq reused in it) is answered after the first
  // delivery is recorded, from the ledger, like a later delivery.
  const firsts: MutationEnvelope[] = [];
  const seenIds = new Set<string>();
  const seenSeqs = new Set<number>();
  for (const m of batch) {
    if (seenIds.has(m.mutationId) || seenSeqs.has(m.seq)) continue;
    seenIds.add(m.mutationId);
    seenSeqs.add(m.seq);
    firsts.push(m);
  }
  const claimed = await claim(client, ctx, firsts);
  const outcomes = new Map<MutationEnvelope, Outcome>();
  const recorded = new Set<MutationEnvelope>();
  await applyClaimed(
    client,
    ctx,
    firsts.filter((m) => claimed.has(m.seq)),
    outcomes,
    recorded,
  );
  await record(client, ctx, outcomes, recorded);
  const rest = batch.filter((m) => !outcomes.has(m));
  if (rest.length > 0) await recordedOutcomes(client, ctx, rest, outcomes);
  return batch.map((m) => answer(ctx, m, outcomes.get(m)!));
}

/**
 * Claims first, in one statement: a concurrent delivery of the same mutation waits here on the
 * ledger's unique keys until this transaction ends, then finds the recorded outcome. Returns the
 * seqs claimed now.
 */
async function claim(
  client: PoolClient,
  ctx: PushContext,
  ms: readonly MutationEnvelope[],
): Promise<Set<number>> {
  if (ms.length === 0) return new Set();
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO sync_ledger (device_id, seq, mutation_id, mutation_type, entity_id, user_id, status)
     SELECT $1, x.seq, x.mutation_id, x.mutation_type, x.entity_id, $2, 'pending'
       FROM unnest($3::bigint[], $4::uuid[], $5::text[], $6::text[]) AS x(seq, mutation_id, mutation_type, entity_id)
     ON CONFLICT DO NOTHING RETURNING seq::text`,
    [
      ctx.deviceId,
      ctx.userId,
      ms.map((m) => m.seq),
      ms.map((m) => m.mutationId),
      ms.map((m) => m.type),
      ms.map((m) => storableOrReplaced(m.entityId)),
    ],
  );
  return new Set(rows.map((r) => Number(r.seq)));
}

async function applyClaimed(
  client: PoolClient,
  ctx: PushContext,
  ms: readonly MutationEnvelope[],
  outcomes: Map<MutationEnvelope, Outcome>,
  recorded: Set<MutationEnvelope>,
): Promise<void> {
  const appeals: [MutationEnvelope, AppealPayload][] = [];
  const consultations: [MutationEnvelope, ConsultationPayload][] = [];
  const calls: [MutationEnvelope, CallPayload][] = [];
  const changes: [MutationEnvelope, LifecycleItem][] = [];
  for (const m of ms) {
    const checked = checkMutation(m, { userId: ctx.userId, role: ctx.role });
    if (!checked.ok) {
      outcomes.set(m, { status: 'rejected', reason: checked.reason });
      continue;
    }
    const mutation: Mutation = checked.mutation;
    switch (mutation.type) {
      case 'appeal.create':
        appeals.push([m, mutation.payload]);
        break;
      case 'consultation.create':
        consultations.push([m, mutation.payload]);
        break;
      case 'call.upsert':
        calls.push([m, mutation.payload]);
        break;
      case 'appeal.transition':
      case 'appeal.amend':
        changes.push([m, { appealId: mutation.entityId, change: mutation.payload }]);
        break;
      default:
        assertNever(mutation, 'mutation');
    }
  }
  // One mutation per appeal id goes to the statement; another mutation of the same appeal in this
  // batch is answered with that appeal's outcome.
  const named = referencesNamedBy(changes.map(([, item]) => item));
  const references = await loadReferences(client, {
    categories: [...appeals.map(([, p]) => p.categoryId), ...named.categories],
    executors: named.executors,
  });
  const terms = references.terms;
  const firstById = new Map<string, AppealItem>();
  const accepted: [MutationEnvelope, AppealPayload][] = [];
  for (const [m, p] of appeals) {
    const owned = decideOwnedFields(p, terms.get(p.categoryId) ?? 'standard', ctx.policy, ctx.now);
    if (!owned.ok) {
      outcomes.set(m, { status: 'rejected', reason: { code: 'invalid', message: owned.message } });
      continue;
    }
    accepted.push([m, p]);
    if (!firstById.has(p.id)) firstById.set(p.id, { seq: m.seq, payload: p, owned: owned.fields });
  }
  const created = await createAppeals(client, ctx, [...firstById.values()]);
  for (const [m, p] of accepted) {
    const outcome = created.byId.get(p.id)!;
    const first = firstById.get(p.id)!.seq === m.seq;
    outcomes.set(m, first ? outcome : { status: 'duplicate', officialNumber: outcome.officialNumber });
    if (first && created.recorded.has(m.seq)) recorded.add(m);
  }
  // After the creates, so a batch that registers an appeal and then changes it finds it.
  const changed = await applyLifecycleChanges(
    client,
    { userId: ctx.userId, role: ctx.role, organisationId: ctx.organisationId ?? null },
    changes.map(([, item]) => item),
    { policy: ctx.policy, now: ctx.now, deviceId: ctx.deviceId, via: 'sync' },
    references,
  );
  changes.forEach(([m], i) => {
    const outcome = changed[i]!;
    outcomes.set(
      m,
      outcome.status === 'applied'
        ? { status: 'applied', officialNumber: null }
        : { status: 'rejected', reason: outcome.reason },
    );
  });
  const fresh = await createConsultations(
    client,
    ctx,
    consultations.map(([, p]) => p),
  );
  for (const [m, p] of consultations) {
    outcomes.set(m, { status: fresh.has(p.id) ? 'applied' : 'duplicate', officialNumber: null });
  }
  const written = await upsertCalls(
    client,
    ctx,
    calls.map(([, p]) => p),
  );
  // An older version than the server's (or another device's record) changes nothing: `duplicate`.
  for (const [m, p] of calls) {
    const newest = calls.every(([, q]) => q.id !== p.id || q.version <= p.version);
    outcomes.set(m, { status: written.has(p.id) && newest ? 'applied' : 'duplicate', officialNumber: null });
  }
}

/** The outcomes of the claimed mutations into their ledger rows (one statement), and refusals kept. */
async function record(
  client: PoolClient,
  ctx: PushContext,
  outcomes: ReadonlyMap<MutationEnvelope, Outcome>,
  recorded: ReadonlySet<MutationEnvelope>,
): Promise<void> {
  const rows = [...outcomes]
    .filter(([m]) => !recorded.has(m))
    .map(([m, o]) => ({
      seq: m.seq,
      status: o.status === 'rejected' ? 'rejected' : 'applied',
      result: o.status === 'rejected' ? o.reason : { officialNumber: o.officialNumber },
    }));
  if (rows.length > 0) {
    await client.query(
      `UPDATE sync_ledger l SET status = x.status, result = x.result
       FROM jsonb_to_recordset($2::jsonb) AS x(seq bigint, status text, result jsonb)
      WHERE l.device_id = $1 AND l.seq = x.seq`,
      [ctx.deviceId, JSON.stringify(rows)],
    );
  }
  for (const [m, o] of outcomes) if (o.status === 'rejected') await storeRejection(client, ctx, m, o.reason);
}

/** Mutations this transaction did not claim: answered from the ledger in one read. */
async function recordedOutcomes(
  client: PoolClient,
  ctx: PushContext,
  ms: readonly MutationEnvelope[],
  outcomes: Map<MutationEnvelope, Outcome>,
): Promise<void> {
  const { rows } = await client.query<LedgerRow>(
    `SELECT device_id::text, seq::text, mutation_id::text, status, result FROM sync_ledger
     WHERE (device_id = $1 AND seq = ANY($2::bigint[])) OR mutation_id = ANY($3::uuid[])`,
    [ctx.deviceId, ms.map((m) => m.seq), ms.map((m) => m.mutationId)],
  );
  for (const m of ms) {
    const mine = rows.filter(
      (r) => r.mutation_id === m.mutationId || (r.device_id === ctx.deviceId && r.seq === String(m.seq)),
    );
    const outcome = outcomeFromLedger(ctx, m, mine);
    if (
      outcome.status === 'rejected' &&
      !mine.some((r) => r.mutation_id === m.mutationId && r.device_id === ctx.deviceId)
    ) {
      await storeRejection(client, ctx, m, outcome.reason);
    }
    outcomes.set(m, outcome);
  }
}

function outcomeFromLedger(ctx: PushContext, m: MutationEnvelope, rows: readonly LedgerRow[]): Outcome {
  const same = rows.find((r) => r.mutation_id === m.mutationId);
  if (same && same.device_id === ctx.deviceId) {
    if (same.status === 'rejected') {
      const refusal = same.result?.refusal;
      return {
        status: 'rejected',
        reason: {
          code: same.result?.code ?? 'invalid',
          message: same.result?.message ?? '',
          ...(refusal ? { refusal } : {}),
        },
      };
    }
    return { status: 'duplicate', officialNumber: same.result?.officialNumber ?? null };
  }
  if (rows.length === 0) {
    // The claimer rolled back after we looked: claim again on the retry.
    throw Object.assign(new Error('ledger claim vanished'), { code: '40001' });
  }
  return {
    status: 'rejected',
    reason: same
      ? { code: 'conflict', message: `Mutation ${m.mutationId} was already pushed by another device` }
      : {
          code: 'conflict',
          message: `Sequence ${m.seq} of this device was already used by another mutation; the device's outbox numbering was reset`,
        },
  };
}

/** Kept for the people who resolve rejections; what no column can hold is replaced (isolation.ts). */
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
      storableOrReplaced(m.entityId),
      reason.code,
      storableOrReplaced(reason.message),
      storableJson(m.payload),
    ],
  );
}
