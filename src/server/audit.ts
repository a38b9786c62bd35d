// Who read or changed which appeal. `details` never carries personal data (names, phones, text).
import type { Queryable } from './db/pool';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.device_refused'
  | 'auth.refresh_reuse'
  | 'appeal.list'
  | 'appeal.read'
  | 'appeal.history_read'
  | 'appeal.create'
  | 'appeal.change'
  | 'sync.pull'
  | 'executor.contacts_update'
  /** A team lead set an agent's state (agents/override.ts); details name the agent and the reason. */
  | 'agent.state_override'
  /** Mass incidents (incidents/): details name the incident, never an appeal's text or a name. */
  | 'incident.link'
  | 'incident.confirm'
  | 'incident.merge'
  | 'incident.split'
  | 'incident.close';

export async function audit(
  db: Queryable,
  entry: {
    userId: string | null;
    action: AuditAction;
    appealIds?: readonly string[];
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const ids = entry.appealIds && entry.appealIds.length > 0 ? entry.appealIds : [null];
  await db.query(
    `INSERT INTO audit_log (user_id, action, appeal_id, details)
     SELECT $1, $2, appeal_id, $4::jsonb FROM unnest($3::uuid[]) AS appeal_id`,
    [entry.userId, entry.action, ids, JSON.stringify(entry.details ?? {})],
  );
}
