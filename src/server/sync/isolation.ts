// One bad mutation never stops a batch. Values are validated before they reach a statement, but a
// value PostgreSQL still refuses (a gap in that validation) would abort the batch's transaction and
// answer 500 for every mutation in it, again at every retry: the workstation's queue would stop
// for good behind it. So a batch refused that way is applied again one mutation at a time; the one
// that is refused again is recorded as rejected with its reason, and the others are applied.
import type { Pool, PoolClient } from 'pg';
import { storableOrReplaced } from '../../shared/domain/storable';
import type { MutationResult } from '../../shared/sync/protocol';
import type { PushContext } from './createRecords';
import type { MutationEnvelope, RejectionReason } from './pushEnvelope';
import { withRetriedTransaction } from './transaction';

/**
 * PostgreSQL's "this value cannot be stored" (class 22 data exceptions, not-null and check
 * violations, program limits such as nesting depth), and JavaScript's RangeError from date and
 * number handling: about the mutation's content, not the server's state.
 */
export function isRefusedValue(e: unknown): boolean {
  if (e instanceof RangeError) return true;
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return (
    typeof code === 'string' &&
    (code.startsWith('22') || code.startsWith('54') || code === '23502' || code === '23514')
  );
}

/** The SQLSTATE of a refusal, for the rejection's reason: never the value itself (personal data). */
const refusalCode = (e: unknown): string =>
  e instanceof RangeError ? 'range' : String((e as { code?: unknown }).code ?? 'unknown');

/**
 * A payload for a jsonb column: every string in it with what no column can hold replaced. (JSON
 * text cannot be patched instead: JSON.stringify writes NUL and lone surrogates as \u escapes,
 * which jsonb refuses as well.) Bodies nest at most MAX_JSON_DEPTH levels, so the walk is shallow.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableOrReplaced(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableOrReplaced(k), storableJson(v)]),
    );
  }
  return value;
}

type ApplyIn = (
  client: PoolClient,
  ctx: PushContext,
  batch: readonly MutationEnvelope[],
) => Promise<MutationResult[]>;
type StoreRejection = (
  client: PoolClient,
  ctx: PushContext,
  m: MutationEnvelope,
  reason: RejectionReason,
) => Promise<void>;

export async function applyOneByOne(
  pool: Pool,
  ctx: PushContext,
  batch: readonly MutationEnvelope[],
  applyIn: ApplyIn,
  storeRejection: StoreRejection,
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const m of batch) {
    try {
      results.push(...(await withRetriedTransaction(pool, (client) => applyIn(client, ctx, [m]))));
    } catch (e) {
      if (!isRefusedValue(e)) throw e;
      const reason: RejectionReason = {
        code: 'invalid',
        message: `A value in this change cannot be stored (database code ${refusalCode(e)})`,
      };
      await withRetriedTransaction(pool, (client) => rejectAlone(client, ctx, m, reason, storeRejection));
      results.push({ mutationId: m.mutationId, seq: m.seq, status: 'rejected', reason });
    }
  }
  return results;
}

/** Records the rejection in the ledger (so a retry is answered the same) and keeps the mutation. */
async function rejectAlone(
  client: PoolClient,
  ctx: PushContext,
  m: MutationEnvelope,
  reason: RejectionReason,
  storeRejection: StoreRejection,
): Promise<void> {
  await client.query(
    `INSERT INTO sync_ledger (device_id, seq, mutation_id, mutation_type, entity_id, user_id, status, result)
     VALUES ($1, $2, $3, $4, $5, $6, 'rejected', $7) ON CONFLICT DO NOTHING`,
    [ctx.deviceId, m.seq, m.mutationId, m.type, storableOrReplaced(m.entityId), ctx.userId, reason],
  );
  await storeRejection(client, ctx, m, reason);
}
