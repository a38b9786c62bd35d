// A sync pull hands a device full records (names, phones, text): each page is audited like a REST
// read, as one row naming the user, the device and every record the page carried.
import type { Queryable } from '../db/pool';
import type { PullResponse } from '../../shared/sync/protocol';
import { audit } from '../audit';

export async function auditPulledPage(
  db: Queryable,
  userId: string,
  deviceId: string,
  page: PullResponse,
): Promise<void> {
  if (page.status !== 'ok' || page.changes.length === 0) return;
  const appealIds: string[] = [];
  const consultationIds: string[] = [];
  for (const change of page.changes) {
    if (change.kind === 'appeal') appealIds.push(change.appeal.id);
    else consultationIds.push(change.consultation.id);
  }
  await audit(db, { userId, action: 'sync.pull', details: { deviceId, appealIds, consultationIds } });
}
