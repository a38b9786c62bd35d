// This workstation's lifecycle steps and amendments the server has not taken: those waiting in the
// outbox, and those it refused (kept with the reason until their user dismisses them).
import { LifecycleAction } from '../../shared/domain/lifecycle';
import type { PendingChange } from '../../shared/ipc/contract';
import { changeRefusals, type ChangeRefusal } from '../../shared/sync/protocol';
import type { AppealChangeType } from '../core/db/outbox';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

interface PendingRow {
  mutationId: string;
  entityType: AppealChangeType;
  payload: string;
  createdAt: string | null;
  rejectedAt: string | null;
  state: 'waiting' | 'rejected';
  code: string | null;
  message: string | null;
  refusal: string | null;
}

const PENDING_OF = `
  SELECT mutation_id AS mutationId, entity_type AS entityType, payload, created_at AS createdAt,
    NULL AS rejectedAt, 'waiting' AS state, NULL AS code, NULL AS message, NULL AS refusal, seq
  FROM outbox WHERE entity_type IN ('appeal_transition', 'appeal_amend') AND entity_id = ?
  UNION ALL
  SELECT c.mutation_id, c.entity_type, c.payload, c.created_at, NULL, 'waiting', NULL, NULL, NULL, c.seq
  FROM appeal_changes_applied c JOIN appeals a ON a.id = c.appeal_id
  WHERE c.appeal_id = ? AND c.base_version >= a.version
  UNION ALL
  SELECT mutation_id, entity_type, payload, created_at, rejected_at, 'rejected', code, message, refusal, seq
  FROM outbox_rejected WHERE entity_type IN ('appeal_transition', 'appeal_amend') AND entity_id = ?
  ORDER BY seq`;

const isRefusal = (code: string | null): code is ChangeRefusal =>
  code !== null && (changeRefusals as readonly string[]).includes(code);

function toPending(row: PendingRow): PendingChange {
  const payload = JSON.parse(row.payload) as { action?: unknown };
  const action = LifecycleAction.safeParse(payload.action);
  const kind: PendingChange['kind'] =
    row.entityType === 'appeal_amend' || !action.success ? 'amend' : action.data.kind;
  // A refusal without the precise code (a server that refused the whole push for the role) is
  // still the role's: the screen names it so.
  const refusal = isRefusal(row.refusal) ? row.refusal : row.code === 'forbidden' ? 'forbidden' : null;
  return {
    mutationId: row.mutationId,
    kind,
    createdAt: row.createdAt ?? row.rejectedAt ?? '',
    state: row.state,
    refusal: row.state === 'rejected' ? refusal : null,
    message: row.state === 'rejected' ? row.message : null,
  };
}

/**
 * The appeal's pending changes made here, oldest first: waiting for the server, or applied by it and
 * waiting for the pull of the state it decided, or refused.
 */
export function pendingChangesOf(db: ReadableDB, appealId: string): PendingChange[] {
  return prepare<PendingRow>(db, PENDING_OF).all(appealId, appealId, appealId).map(toPending);
}

/**
 * Whether a step or amendment of this appeal waits for the server or for the pull of its outcome:
 * a new one would be taken on a version the server has left (refused stale).
 */
export function hasWaitingChange(db: ReadableDB, appealId: string): boolean {
  return (
    prepare(
      db,
      `SELECT 1 FROM outbox WHERE entity_type IN ('appeal_transition', 'appeal_amend') AND entity_id = ?
       UNION ALL
       SELECT 1 FROM appeal_changes_applied c JOIN appeals a ON a.id = c.appeal_id
       WHERE c.appeal_id = ? AND c.base_version >= a.version
       LIMIT 1`,
    ).get(appealId, appealId) !== undefined
  );
}

export type DismissOutcome = { dismissed: true; appealId: string } | { dismissed: false; waiting: boolean };

/** Forgets a refused change; a waiting one is not the user's to drop (it may be applied already). */
export function dismissRejectedChange(db: WritableDB, mutationId: string): DismissOutcome {
  const row = prepare<{ appealId: string }>(
    db,
    `DELETE FROM outbox_rejected WHERE mutation_id = ? AND entity_type IN ('appeal_transition', 'appeal_amend')
     RETURNING entity_id AS appealId`,
  ).get(mutationId);
  if (row) return { dismissed: true, appealId: row.appealId };
  const waiting =
    prepare(
      db,
      `SELECT 1 FROM outbox WHERE mutation_id = ? AND entity_type IN ('appeal_transition', 'appeal_amend')`,
    ).get(mutationId) !== undefined;
  return { dismissed: false, waiting };
}
