// Applying lifecycle steps and amendments to stored appeals, inside the caller's transaction: sync's
// push (exactly once through its ledger) and a REST route call this. Each change is checked
// against the version its author saw, decided by the shared rules with the server's clock and
// policy, and stored with its history, audit and change_log rows; a refused change stores nothing.
import type { Appeal } from '../../shared/domain/appeal';
import { localDateOf } from '../../shared/domain/localDate';
import type { AppealPolicy } from '../sync/serverOwned';
import type { PoolClient } from '../db/pool';
import {
  decideChange,
  staleVersion,
  type DecidedChange,
  type LifecycleActor,
  type LifecycleChange,
  type RejectionReason,
} from './decide';
import { lastChangerRole, loadReferences, lockAppeals, writeChanges, type References } from './store';

export type { LifecycleActor, LifecycleChange, RejectionReason } from './decide';

export interface LifecycleContext {
  /** The server's appeal policy (sync/serverOwned.ts `appealPolicy`): law, zone, calendar, lifecycle. */
  policy: AppealPolicy;
  /** The server's clock: decides today, callback times and what history records. */
  now: Date;
  /** The workstation the change came from; null for the REST API. */
  deviceId: string | null;
  via: 'sync' | 'api';
}

export type LifecycleOutcome =
  { status: 'applied'; appeal: Appeal } | { status: 'rejected'; reason: RejectionReason };

export interface LifecycleItem {
  appealId: string;
  change: LifecycleChange;
}

/** The categories and executors `items` name: what a reference lookup must cover. */
export function referencesNamedBy(items: readonly LifecycleItem[]) {
  const categories: string[] = [];
  const executors: string[] = [];
  for (const { change } of items) {
    if ('action' in change && change.action.kind === 'assign') executors.push(change.action.executorId);
    if ('amendment' in change && change.amendment.corrections?.categoryId)
      categories.push(change.amendment.corrections.categoryId);
  }
  return { categories, executors };
}

/**
 * Applies `items` in order, all by `actor`: several changes of one appeal each see the version the
 * one before left. `references` may be loaded by the caller with others (sync's batch does).
 */
export async function applyLifecycleChanges(
  client: PoolClient,
  actor: LifecycleActor,
  items: readonly LifecycleItem[],
  ctx: LifecycleContext,
  references?: References,
): Promise<LifecycleOutcome[]> {
  if (items.length === 0) return [];
  // PostgreSQL gives ids back in lower case; a UUID means the same in either case.
  items = items.map((i) => ({ ...i, appealId: i.appealId.toLowerCase() }));
  const refs = references ?? (await loadReferences(client, referencesNamedBy(items)));
  const appeals = await lockAppeals(
    client,
    items.map((i) => i.appealId),
  );
  const today = localDateOf(ctx.now, ctx.policy.timeZone);
  const decideCtx = {
    policy: ctx.policy,
    now: ctx.now,
    today,
    termOf: (id: string) => refs.terms.get(id) ?? 'standard',
    executorExists: (id: string) => refs.executors.has(id),
  };
  const changedHere = new Set<string>();
  const decided: DecidedChange[] = [];
  const outcomes: LifecycleOutcome[] = [];
  for (const { appealId, change } of items) {
    const current = appeals.get(appealId);
    if (!current) {
      outcomes.push({
        status: 'rejected',
        reason: { code: 'unknown_reference', message: `No appeal ${appealId} on the server` },
      });
      continue;
    }
    if (change.baseVersion !== current.version) {
      const by = changedHere.has(appealId) ? actor.role : await lastChangerRole(client, appealId);
      outcomes.push({ status: 'rejected', reason: staleVersion(by, current.version, change.baseVersion) });
      continue;
    }
    const decision = decideChange(current, change, actor, decideCtx);
    if (!decision.ok) {
      outcomes.push({ status: 'rejected', reason: decision.reason });
      continue;
    }
    appeals.set(appealId, decision.decided.appeal);
    changedHere.add(appealId);
    decided.push(decision.decided);
    outcomes.push({ status: 'applied', appeal: decision.decided.appeal });
  }
  await writeChanges(
    client,
    { userId: actor.userId, deviceId: ctx.deviceId, via: ctx.via, now: ctx.now },
    decided,
  );
  return outcomes;
}

/**
 * One change of one appeal, for a REST route (POST /api/v1/appeals/:id/transitions): run it inside
 * a transaction (db/pool.ts `withTransaction`, or sync/transaction.ts `withRetriedTransaction` to
 * retry a deadlock), with `via: 'api'` and `deviceId: null`. Not idempotent by itself: a client
 * that retries after a lost answer meets `stale_version` (the first try applied) and reads the
 * appeal again.
 */
export async function applyLifecycleChange(
  client: PoolClient,
  actor: LifecycleActor,
  appealId: string,
  change: LifecycleChange,
  ctx: LifecycleContext,
): Promise<LifecycleOutcome> {
  const [outcome] = await applyLifecycleChanges(client, actor, [{ appealId, change }], ctx);
  return outcome!;
}
