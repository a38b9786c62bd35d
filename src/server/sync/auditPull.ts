// A sync pull hands a device full records (names, phones, text): each page is audited like a REST
// read, as one row naming the user, the device and every record the page carried.
import type { Queryable } from '../db/pool';
import type { PullResponse } from '../../shared/sync/protocol';
import { assertNever } from '../../shared/result';
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
    switch (change.kind) {
      case 'appeal':
        appealIds.push(change.appeal.id);
        break;
      case 'consultation':
        consultationIds.push(change.consultation.id);
        break;
      case 'appeal_withdrawn':
        // Only an id, no personal data: nothing was read.
        break;
      default:
        assertNever(change, 'change');
    }
  }
  if (appealIds.length === 0 && consultationIds.length === 0) return;
  await audit(db, { userId, action: 'sync.pull', details: { deviceId, appealIds, consultationIds } });
}
