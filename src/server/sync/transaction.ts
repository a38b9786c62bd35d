// One transaction with retries: a well-formed request never gets a 5xx because two transactions met.
import { backoffDelay } from '../../shared/backoff';
import { withTransaction, type Pool, type PoolClient } from '../db/pool';

/**
 * 40001 serialization failure and 40P01 deadlock are PostgreSQL's "try again". 23505 unique
 * violation means a concurrent transaction claimed the same ledger row or appeal id first: the
 * retry finds it and answers `duplicate`.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 10;

const isRetryable = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && RETRYABLE.has((e as { code?: unknown }).code as string);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** db/pool.ts's withTransaction, tried again (on a fresh connection) while PostgreSQL says so. */
export async function withRetriedTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(pool, work);
    } catch (e) {
      if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
      // Full jitter keeps retrying pushes from meeting again in lockstep.
      await sleep(backoffDelay(attempt, Math.random, { minMs: 10, maxMs: 200 }));
    }
  }
}
