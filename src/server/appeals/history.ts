// An appeal's history as people read it (src/shared/domain/appealHistory.ts): who (name and role,
// not only an id), when, what, from which workstation, the status before and after and the version
// each change made (appeal_history's columns, migration 051; `change` holds the action or the
// amendment as made).
import { AppealAmendment } from '../../shared/domain/amendment';
import { AppealStatus } from '../../shared/domain/appeal';
import type { HistoryEntry } from '../../shared/domain/appealHistory';
import { LifecycleAction } from '../../shared/domain/lifecycle';
import { Role } from '../../shared/sync/auth';
import type { Queryable } from '../db/pool';

interface HistoryRow {
  id: string;
  at: string;
  user_id: string | null;
  user_name: string | null;
  user_role: string | null;
  device_id: string | null;
  kind: HistoryEntry['kind'];
  version: number;
  status_before: string | null;
  status_after: string | null;
  change: Record<string, unknown>;
}

/**
 * Read defensively: what a row holds was valid when written, and a rule made stricter since (a
 * shorter limit) must not make the whole history unreadable; such a part reads as null.
 */
function entryOf(row: HistoryRow): HistoryEntry {
  const role = Role.safeParse(row.user_role);
  const action = row.kind === 'transition' ? LifecycleAction.safeParse(row.change['action']) : null;
  const amendment = row.kind === 'amend' ? AppealAmendment.safeParse(row.change['amendment']) : null;
  const status = (s: string | null) => (s === null ? null : (AppealStatus.safeParse(s).data ?? null));
  return {
    id: row.id,
    at: row.at,
    user:
      row.user_id !== null && role.success
        ? { id: row.user_id, name: row.user_name ?? '', role: role.data }
        : null,
    deviceId: row.device_id,
    kind: row.kind,
    action: action?.success ? action.data : null,
    statusBefore: status(row.status_before),
    statusAfter: status(row.status_after),
    amendment: amendment?.success ? amendment.data : null,
    version: row.version,
  };
}

/** Oldest first. */
export async function readHistory(db: Queryable, appealId: string): Promise<HistoryEntry[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT h.id::text, to_json(h.at)#>>'{}' AS at, h.user_id::text, u.name AS user_name, u.role AS user_role,
            h.device_id, h.kind, h.version, h.status_before, h.status_after, h.change
       FROM appeal_history h LEFT JOIN users u ON u.id = h.user_id
      WHERE h.appeal_id = $1 ORDER BY h.at, h.id`,
    [appealId],
  );
  return rows.map(entryOf);
}
