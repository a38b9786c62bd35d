// Call records: saved by the softphone at each step of a call (rang, answered, ended, linked to
// what was registered during it), each save with its outbox entry in one transaction.
import type { CallRecord, CallReport } from '../../shared/softphone/calls';
import { fail, ok, type FieldIssue, type Result } from '../../shared/result';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { enqueueMutation } from '../core/db/outbox';
import { authorFor } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import { nextCallRecord } from './callRules';
import { getCall, listCalls, missingIds, writeCall } from './callsRepo';

export type CallsContext = Pick<ServiceContext, 'db' | 'write' | 'clock' | 'events' | 'operator' | 'signer'>;

/** Links must name records this store holds: a link to nothing would be synced and shown as broken. */
function linkIssues(ctx: CallsContext, call: CallRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const id of missingIds(ctx.db, 'appeals', call.appealIds)) {
    issues.push({
      path: `appealIds.${call.appealIds.indexOf(id)}`,
      code: 'unknown',
      message: `No appeal "${id}" in this store to link to the call`,
    });
  }
  for (const id of missingIds(ctx.db, 'consultations', call.consultationIds)) {
    issues.push({
      path: `consultationIds.${call.consultationIds.indexOf(id)}`,
      code: 'unknown',
      message: `No consultation "${id}" in this store to link to the call`,
    });
  }
  return issues;
}

export function saveCall(ctx: CallsContext, incoming: CallReport): Result<CallRecord> {
  const author = authorFor(ctx.signer(), 'call.upsert');
  if (!author.ok) return author;
  const now = ctx.clock().toISOString();
  // Read, check and write under the write lock: two saves of one call never both get version n+1.
  const saved = ctx.write((): Result<CallRecord> => {
    const next = nextCallRecord(getCall(ctx.db, incoming.id), incoming, {
      now,
      operatorId: ctx.operator().id,
    });
    if (!next.ok) return next;
    const issues = linkIssues(ctx, next.value);
    if (issues.length > 0) return fail('invalid_input', issues.map((i) => i.message).join('; '), issues);
    writeCall(ctx.db, next.value);
    enqueueMutation(ctx.db, {
      entityType: 'call',
      entityId: next.value.id,
      op: 'upsert',
      payload: next.value,
      createdAt: now,
      authorId: author.value,
    });
    return next;
  });
  if (saved.ok) ctx.events.emit('calls:saved', { id: saved.value.id });
  return saved;
}

export function getCallById(ctx: Pick<ServiceContext, 'db'>, id: string): Result<CallRecord> {
  const call = getCall(ctx.db, id);
  return call ? ok(call) : fail('not_found', `No call "${id}"`);
}

export function findCalls(
  ctx: Pick<ServiceContext, 'db'>,
  limit: number,
  cursor: string | null,
): Result<{ items: CallRecord[]; nextCursor: string | null }> {
  const before = cursor === null ? null : decodeCursor(cursor);
  if (cursor !== null && before === null) {
    const message = 'Not a cursor from a previous page';
    return fail('invalid_input', message, [{ path: 'cursor', code: 'invalid', message }]);
  }
  const page = listCalls(ctx.db, before, limit);
  return ok({
    items: page.calls,
    nextCursor: page.lastSortKey === null ? null : encodeCursor(page.lastSortKey),
  });
}
