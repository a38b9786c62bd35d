// Call record repository. Reads return the whole record from its JSON; the columns exist to index
// and to find a call by its SIP Call-ID. Links to appeals and consultations are kept in their own
// table so both sides can be looked up.
import type { CallRecord } from '../../shared/softphone/calls';
import { nextSortKey } from '../core/db/sortKey';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

type RecordRow = { record: string; sortKey: number };
const toCall = (row: RecordRow): CallRecord => JSON.parse(row.record) as CallRecord;

export function getCall(db: ReadableDB, id: string): CallRecord | null {
  const row = prepare<RecordRow>(db, 'SELECT record, sort_key AS sortKey FROM calls WHERE id = ?').get(id);
  return row ? toCall(row) : null;
}

/** The PBX's Call-ID names one leg; a re-saved or redialled call may share it, newest first. */
export function callsBySipCallId(db: ReadableDB, sipCallId: string): CallRecord[] {
  return prepare<RecordRow>(
    db,
    'SELECT record, sort_key AS sortKey FROM calls WHERE sip_call_id = ? ORDER BY sort_key DESC',
  )
    .all(sipCallId)
    .map(toCall);
}

/** Inserts a new call or replaces the stored one (same id), with its links. */
export function writeCall(db: WritableDB, call: CallRecord): void {
  const columns = [
    call.sipCallId,
    call.direction,
    call.localNumber,
    call.remoteNumber,
    call.ringAt,
    call.answeredAt,
    call.endedAt,
    call.result,
    call.operatorId,
    call.version,
    call.updatedAt,
    JSON.stringify(call),
  ];
  const updated = prepare(
    db,
    `UPDATE calls SET sip_call_id = ?, direction = ?, local_number = ?, remote_number = ?, ring_at = ?,
       answered_at = ?, ended_at = ?, result = ?, operator_id = ?, version = ?, updated_at = ?, record = ?
     WHERE id = ?`,
  ).run(...columns, call.id);
  if (updated.changes === 0) {
    // Calls list by when they rang, which never changes, so a call keeps its place through every save.
    prepare(
      db,
      `INSERT INTO calls (sip_call_id, direction, local_number, remote_number, ring_at, answered_at, ended_at,
         result, operator_id, version, updated_at, record, id, sort_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...columns, call.id, nextSortKey(db, 'calls', Date.parse(call.ringAt)));
  }
  prepare(db, 'DELETE FROM call_links WHERE call_id = ?').run(call.id);
  const link = prepare(db, 'INSERT INTO call_links (call_id, entity_type, entity_id) VALUES (?, ?, ?)');
  for (const id of call.appealIds) link.run(call.id, 'appeal', id);
  for (const id of call.consultationIds) link.run(call.id, 'consultation', id);
}

/** Of the given ids, those with no row in the table (appeals or consultations). */
export function missingIds(
  db: ReadableDB,
  table: 'appeals' | 'consultations',
  ids: readonly string[],
): string[] {
  const sql =
    table === 'appeals' ? 'SELECT 1 FROM appeals WHERE id = ?' : 'SELECT 1 FROM consultations WHERE id = ?';
  return ids.filter((id) => prepare(db, sql).get(id) === undefined);
}

export interface CallPage {
  calls: CallRecord[];
  lastSortKey: number | null;
}

export function listCalls(db: ReadableDB, before: number | null, limit: number): CallPage {
  const rows = prepare<RecordRow>(
    db,
    'SELECT record, sort_key AS sortKey FROM calls WHERE sort_key < ? ORDER BY sort_key DESC LIMIT ?',
  ).all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  const page = rows.slice(0, limit);
  return {
    calls: page.map(toCall),
    lastSortKey: rows.length > limit ? page[page.length - 1]!.sortKey : null,
  };
}
