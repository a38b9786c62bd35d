// Consultations: the caller's question answered from reference data, recorded with its outbox entry.
import type { Consultation, ConsultationDraft } from '../../shared/domain/appeal';
import { uuidv7 } from '../../shared/domain/ids';
import { fail, ok, type Result } from '../../shared/result';
import { insertConsultation, listConsultations } from './consultationsRepo';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { enqueueMutation } from '../core/db/outbox';
import { nextSortKey } from '../core/db/sortKey';
import { referenceIssues, refusedFor } from '../../shared/domain/appealRegistration';
import { authorFor } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import { noCall, type LinkToCall } from '../calls';

/** Records a consultation, linked to the call going on (if any) through `linkToCall`. */
export function createConsultation(
  ctx: ServiceContext,
  draft: ConsultationDraft,
  linkToCall: LinkToCall = noCall,
): Result<Consultation> {
  const author = authorFor(ctx.signer(), 'consultation.create');
  if (!author.ok) return author;
  const issues = referenceIssues(ctx.reference, draft.categoryId, draft.executorId);
  if (issues.length > 0) return refusedFor(issues);
  const now = ctx.clock();
  const createdAt = now.toISOString();
  const consultation: Consultation = {
    ...draft,
    id: uuidv7(now.getTime()),
    createdAt,
    operatorId: ctx.operator().id,
  };
  ctx.write(() => {
    insertConsultation(ctx.db, consultation, nextSortKey(ctx.db, 'consultations', now.getTime()));
    enqueueMutation(ctx.db, {
      entityType: 'consultation',
      entityId: consultation.id,
      op: 'create',
      payload: consultation,
      createdAt,
      authorId: author.value,
    });
  });
  ctx.events.emit('consultations:created', {
    id: consultation.id,
    callId: linkToCall('consultation', consultation.id),
  });
  return ok(consultation);
}

export function findConsultations(
  ctx: ServiceContext,
  limit: number,
  cursor: string | null,
): Result<{ items: Consultation[]; nextCursor: string | null }> {
  const before = cursor === null ? null : decodeCursor(cursor);
  if (cursor !== null && before === null) {
    const message = 'Not a cursor from a previous page';
    return fail('invalid_input', message, [{ path: 'cursor', code: 'invalid', message }]);
  }
  const page = listConsultations(ctx.db, before, limit);
  return ok({
    items: page.consultations,
    nextCursor: page.lastSortKey === null ? null : encodeCursor(page.lastSortKey),
  });
}
