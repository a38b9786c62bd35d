// Consultation repository.
import type { Consultation } from '../../shared/domain/appeal';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

type RecordRow = { record: string; sortKey: number };
const toConsultation = (row: RecordRow): Consultation => JSON.parse(row.record) as Consultation;

export function insertConsultation(db: WritableDB, consultation: Consultation, sortKey: number): void {
  prepare(
    db,
    `INSERT INTO consultations (sort_key, id, phone, category_id, created_at, record)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    sortKey,
    consultation.id,
    consultation.phone,
    consultation.categoryId,
    consultation.createdAt,
    JSON.stringify(consultation),
  );
}

export function getConsultation(db: ReadableDB, id: string): Consultation | null {
  const row = prepare<RecordRow>(
    db,
    'SELECT record, sort_key AS sortKey FROM consultations WHERE id = ?',
  ).get(id);
  return row ? toConsultation(row) : null;
}

export const CONSULTATION_QUERIES = {
  byPhone: `SELECT record, sort_key AS sortKey FROM consultations INDEXED BY consultations_phone
    WHERE phone = ? AND phone <> '' ORDER BY sort_key DESC LIMIT ?`,
} as const;

/** What this phone (E.164) was already told, newest first. */
export function consultationsByPhone(db: ReadableDB, phone: string, limit: number): Consultation[] {
  return prepare<RecordRow>(db, CONSULTATION_QUERIES.byPhone).all(phone, limit).map(toConsultation);
}

export interface ConsultationPage {
  consultations: Consultation[];
  lastSortKey: number | null;
}

export function listConsultations(db: ReadableDB, before: number | null, limit: number): ConsultationPage {
  const rows = prepare<RecordRow>(
    db,
    `SELECT record, sort_key AS sortKey FROM consultations
     WHERE sort_key < ? ORDER BY sort_key DESC LIMIT ?`,
  ).all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  const page = rows.slice(0, limit);
  return {
    consultations: page.map(toConsultation),
    lastSortKey: rows.length > limit ? page[page.length - 1]!.sortKey : null,
  };
}
