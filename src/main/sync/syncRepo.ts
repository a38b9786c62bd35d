// Sync repository: the cursor and epoch, rejected mutations, pulled records, re-sync bookkeeping.
// The engine (src/main/sync) owns the transactions; these functions run inside them.
import type { Appeal, Consultation } from '../../shared/domain/appeal';
import { serverOwnedFieldsOf, type ChangeRefusal } from '../../shared/sync/protocol';
import { deleteAppeal, getAppeal, insertAppeal, replaceAppeal } from '../appeals';
import { getConsultation, insertConsultation } from '../consultations';
import type { OutboxEntityType } from '../core/db/outbox';
import { nextSortKey } from '../core/db/sortKey';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export interface SyncStateRow {
  serverUrl: string | null;
  epoch: string | null;
  cursor: string | null;
  resyncing: boolean;
  /** The highest seq the server answered since the last re-sync; null when none. */
  acknowledgedSeq: number | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

export function readSyncState(db: ReadableDB): SyncStateRow {
  const row = prepare<Omit<SyncStateRow, 'resyncing'> & { resyncing: number }>(
    db,
    `SELECT server_url AS serverUrl, epoch, cursor, resyncing, acknowledged_seq AS acknowledgedSeq,
       last_success_at AS lastSuccessAt,
       last_failure_at AS lastFailureAt, last_error AS lastError FROM sync_state WHERE singleton = 1`,
  ).get()!;
  return { ...row, resyncing: row.resyncing === 1 };
}

export function saveCursor(db: WritableDB, epoch: string, cursor: string | null): void {
  prepare(db, 'UPDATE sync_state SET epoch = ?, cursor = ? WHERE singleton = 1').run(epoch, cursor);
}

/** A server other than the one the cursor came from: start over with it, keeping the outbox. */
export function bindServer(db: WritableDB, serverUrl: string): void {
  const { serverUrl: current } = readSyncState(db);
  if (current === serverUrl) return;
  prepare(db, 'UPDATE sync_state SET server_url = ?, epoch = NULL, cursor = NULL WHERE singleton = 1').run(
    serverUrl,
  );
  startResync(db);
}

/** The server answered these seqs: it must keep the ledger row of the highest (protocol.ts, "Restore"). */
export function noteAcknowledged(db: WritableDB, seq: number): void {
  prepare(
    db,
    'UPDATE sync_state SET acknowledged_seq = max(coalesce(acknowledged_seq, 0), ?) WHERE singleton = 1',
  ).run(seq);
}

/**
 * Forget the cursor and pull everything; records the server lacks are re-sent when it ends. What
 * the server acknowledged before is forgotten too: the server may no longer have it. A store with
 * no records has nothing the server could lack (what is registered meanwhile goes through the
 * outbox), so it just pulls: a new workstation's first sync would otherwise note every one of its
 * 100k pulled records as seen, for nothing.
 */
export function startResync(db: WritableDB): void {
  const holdsRecords =
    prepare<number>(db, 'SELECT EXISTS (SELECT 1 FROM appeals) OR EXISTS (SELECT 1 FROM consultations)')
      .pluck()
      .get() === 1;
  prepare(
    db,
    'UPDATE sync_state SET cursor = NULL, acknowledged_seq = NULL, resyncing = ? WHERE singleton = 1',
  ).run(holdsRecords ? 1 : 0);
  prepare(db, 'DELETE FROM sync_resync_seen').run();
}

export function recordOutcome(db: WritableDB, at: string, error: string | null): void {
  if (error === null)
    prepare(db, 'UPDATE sync_state SET last_success_at = ?, last_error = NULL WHERE singleton = 1').run(at);
  else
    prepare(db, 'UPDATE sync_state SET last_failure_at = ?, last_error = ? WHERE singleton = 1').run(
      at,
      error,
    );
}

/**
 * The server accepted an appeal (now or earlier): its official number is shown from now on. The
 * server's proof of the number is kept with it: a re-send after a restore keeps the number only
 * with that proof (protocol.ts, "Restore").
 */
export function setOfficialNumber(
  db: WritableDB,
  appealId: string,
  officialNumber: string,
  proof?: string,
): boolean {
  releaseOfficialNumber(db, officialNumber, appealId);
  const changed = prepare(
    db,
    `UPDATE appeals SET official_number = ?, record = json_set(record, '$.officialNumber', ?)
     WHERE id = ? AND official_number IS NOT ?`,
  ).run(officialNumber, officialNumber, appealId, officialNumber);
  if (proof !== undefined)
    prepare(
      db,
      `UPDATE appeals SET record = json_set(record, '$.officialNumberProof', ?)
       WHERE id = ? AND official_number = ?`,
    ).run(proof, appealId, officialNumber);
  return changed.changes > 0;
}

/**
 * A server restored from a backup may give a number this store still shows on another appeal (one
 * the restored server has not seen yet): that appeal loses it until its own number arrives.
 */
function releaseOfficialNumber(db: WritableDB, officialNumber: string | null, keepId: string): void {
  if (officialNumber === null) return;
  prepare(
    db,
    `UPDATE appeals SET official_number = NULL,
       record = json_remove(json_set(record, '$.officialNumber', NULL), '$.officialNumberProof')
     WHERE official_number = ? AND id <> ?`,
  ).run(officialNumber, keepId);
}

/**
 * Applies the server's view of an appeal. A newer version replaces the cached record entirely: the
 * server decided a lifecycle step or an amendment, and status, executor, deadline, supplements and
 * phones may all have changed. The same version brings only what the server assigns on first
 * sight (the official number, its proof, the operator, the decided dates); an older one nothing.
 */
export function upsertPulledAppeal(db: WritableDB, appeal: Appeal): boolean {
  releaseOfficialNumber(db, appeal.officialNumber, appeal.id);
  const local = getAppeal(db, appeal.id);
  if (!local) {
    insertAppeal(db, appeal, nextSortKey(db, 'appeals', Date.parse(appeal.createdAt)));
    releaseAppliedChanges(db, appeal.id, appeal.version);
    return true;
  }
  if (appeal.version > local.version) {
    releaseAppliedChanges(db, appeal.id, appeal.version);
    // A pull that does not repeat the number's proof must not lose the one kept for a re-send.
    const keepProof =
      appeal.officialNumberProof === undefined &&
      local.officialNumberProof !== undefined &&
      appeal.officialNumber === local.officialNumber;
    replaceAppeal(db, keepProof ? { ...appeal, officialNumberProof: local.officialNumberProof } : appeal);
    return true;
  }
  if (
    appeal.version < local.version ||
    (appeal.officialNumber === local.officialNumber &&
      appeal.officialNumberProof === local.officialNumberProof &&
      appeal.status === local.status &&
      appeal.operatorId === local.operatorId &&
      appeal.deadlineOn === local.deadlineOn &&
      appeal.priority === local.priority)
  )
    return false;
  // The number, lifecycle, received date, deadline, priority and operator are the server's.
  replaceAppeal(db, { ...local, ...serverOwnedFieldsOf(appeal) });
  return true;
}

/**
 * The server took the appeal away from this executor account (forwarded elsewhere): it is
 * forgotten with everything indexing it. Returns whether it was cached.
 */
export function withdrawPulledAppeal(db: WritableDB, id: string): boolean {
  prepare(db, 'DELETE FROM appeal_changes_applied WHERE appeal_id = ?').run(id);
  return deleteAppeal(db, id);
}

export function insertPulledConsultation(db: WritableDB, consultation: Consultation): boolean {
  const local = getConsultation(db, consultation.id);
  if (local) {
    if (local.operatorId === consultation.operatorId) return false;
    // The server's operator is the account that pushed it (see upsertPulledAppeal).
    prepare(db, 'UPDATE consultations SET record = ? WHERE id = ?').run(
      JSON.stringify({ ...local, operatorId: consultation.operatorId }),
      consultation.id,
    );
    return true;
  }
  insertConsultation(db, consultation, nextSortKey(db, 'consultations', Date.parse(consultation.createdAt)));
  return true;
}

export function markSeen(db: WritableDB, entityType: OutboxEntityType, id: string): void {
  prepare(db, 'INSERT OR IGNORE INTO sync_resync_seen (entity_type, id) VALUES (?, ?)').run(entityType, id);
}

/** Local records a finished re-sync did not see and no pending or rejected mutation covers. */
export function recordsServerLacks(db: ReadableDB): { appeals: string[]; consultations: string[] } {
  const missing = (table: 'appeals' | 'consultations', type: OutboxEntityType) =>
    prepare<{ record: string }>(
      db,
      `SELECT t.record FROM ${table} t
       WHERE NOT EXISTS (SELECT 1 FROM sync_resync_seen s WHERE s.entity_type = ? AND s.id = t.id)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = ? AND o.entity_id = t.id)
         AND NOT EXISTS (SELECT 1 FROM outbox_rejected r WHERE r.entity_type = ? AND r.entity_id = t.id)
       ORDER BY t.sort_key`,
    )
      .all(type, type, type)
      .map((r) => r.record);
  return { appeals: missing('appeals', 'appeal'), consultations: missing('consultations', 'consultation') };
}

export function finishResync(db: WritableDB): void {
  prepare(db, 'DELETE FROM sync_resync_seen').run();
  prepare(db, 'UPDATE sync_state SET resyncing = 0 WHERE singleton = 1').run();
}

export interface RejectedRow {
  seq: number;
  mutationId: string;
  entityType: OutboxEntityType;
  entityId: string;
  payload: string;
  code: string;
  message: string;
  /** For a lifecycle step or an amendment: the server's precise refusal (protocol.ts), else null. */
  refusal: ChangeRefusal | null;
  rejectedAt: string;
}

/** Moves an outbox entry to the rejected list in the caller's transaction. */
export function rejectMutation(
  db: WritableDB,
  seq: number,
  code: string,
  message: string,
  at: string,
  refusal: ChangeRefusal | null = null,
): void {
  prepare(
    db,
    `INSERT OR IGNORE INTO outbox_rejected
       (seq, mutation_id, entity_type, entity_id, payload, code, message, rejected_at, author_id, refusal,
        created_at)
     SELECT seq, mutation_id, entity_type, entity_id, payload, ?, ?, ?, author_id, ?, created_at
     FROM outbox WHERE seq = ?`,
  ).run(code, message, at, refusal, seq);
  prepare(db, 'DELETE FROM outbox WHERE seq = ?').run(seq);
}

/**
 * The server applied this lifecycle step or amendment: it is held, shown as waiting and out of the
 * work lists, until the pull brings a version above the one it was taken on (migration 012).
 */
export function holdAppliedChange(db: WritableDB, seq: number): void {
  prepare(
    db,
    `INSERT OR IGNORE INTO appeal_changes_applied
       (mutation_id, entity_type, appeal_id, payload, created_at, base_version, seq)
     SELECT o.mutation_id, o.entity_type, o.entity_id, o.payload, o.created_at,
       json_extract(o.payload, '$.baseVersion'), o.seq
     FROM outbox o JOIN appeals a ON a.id = o.entity_id
     WHERE o.seq = ? AND a.version <= json_extract(o.payload, '$.baseVersion')`,
  ).run(seq);
}

/** The cached appeal is at `version` now: the steps it already shows are no longer held. */
function releaseAppliedChanges(db: WritableDB, appealId: string, version: number): void {
  prepare(db, 'DELETE FROM appeal_changes_applied WHERE appeal_id = ? AND base_version < ?').run(
    appealId,
    version,
  );
}

export function deleteMutation(db: WritableDB, seq: number): void {
  prepare(db, 'DELETE FROM outbox WHERE seq = ?').run(seq);
}

export function listRejected(db: ReadableDB, limit: number): RejectedRow[] {
  return prepare<RejectedRow>(
    db,
    `SELECT seq, mutation_id AS mutationId, entity_type AS entityType, entity_id AS entityId, payload, code,
       message, refusal, rejected_at AS rejectedAt FROM outbox_rejected ORDER BY seq DESC LIMIT ?`,
  ).all(limit);
}

export const countRejected = (db: ReadableDB): number =>
  prepare<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox_rejected').get()!.n;

export function noteAttempt(db: WritableDB, seqs: readonly number[], error: string | null): void {
  for (const seq of seqs)
    prepare(db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?').run(error, seq);
}
