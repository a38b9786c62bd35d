// Registering and finding appeals.
import { buildingKey, type Appeal, type AppealDraft, type AppealSummary } from '../../shared/domain/appeal';
import {
  refusedFor,
  registeredAppeal,
  registrationIssues,
  repeatProbeOf,
} from '../../shared/domain/appealRegistration';
import { appealNumberOf } from '../../shared/domain/appealNumber';
import { formatProvisionalNumber } from '../../shared/domain/provisionalNumber';
import { uuidv7 } from '../../shared/domain/ids';
import { localDateOf } from '../../shared/domain/localDate';
import { detectRepeat, type RepeatProbe } from '../../shared/domain/repeat';
import type { AppealQuery, RepeatCheck } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/result';
import {
  appealExists,
  getAppeal,
  insertAppeal,
  appealsByNumber,
  listAppeals,
  repeatCandidatesAt,
} from './appealsRepo';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { takeProvisionalNumber } from '../core/db/device';
import { enqueueMutation } from '../core/db/outbox';
import { searchExpression } from './searchTerms';
import { nextSortKey } from '../core/db/sortKey';
import type { ReadableDB } from '../core/db/types';
import { toSummary } from '../../shared/domain/appealSummary';
import { authorFor } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import { noCall, type LinkToCall } from '../calls';

/** How many earlier appeals on the same question at the same building repeat detection reads. */
const REPEAT_CANDIDATES = 200;

export const today = (ctx: ServiceContext): string => localDateOf(ctx.clock(), ctx.config.center.timeZone);

function repeatVerdict(db: ReadableDB, probe: RepeatProbe) {
  const earlier = repeatCandidatesAt(db, buildingKey(probe.address), probe.categoryId, REPEAT_CANDIDATES);
  const verdict = detectRepeat(probe, earlier);
  return { verdict, previous: verdict.kind === 'none' ? null : getAppeal(db, verdict.previous.id) };
}

/** Registers an appeal, linked to the call going on (if any) through `linkToCall`. */
export function createAppeal(
  ctx: ServiceContext,
  draft: AppealDraft,
  linkToCall: LinkToCall = noCall,
): Result<Appeal> {
  const { db, config, reference } = ctx;
  const author = authorFor(ctx.signer(), 'appeal.create');
  if (!author.ok) return author;
  // Checked here, whoever calls: the rules the renderer's fake Api applies too.
  const issues = registrationIssues(draft, {
    ruleSet: config.ruleSet,
    reference,
    appealExists: (id) => appealExists(db, id),
  });
  if (issues.length > 0) return refusedFor(issues);

  const now = ctx.clock();
  const createdAt = now.toISOString();
  const appeal = ctx.write((): Appeal => {
    const appeal = registeredAppeal(draft, {
      id: uuidv7(now.getTime()),
      provisionalNumber: formatProvisionalNumber(ctx.deviceTag, takeProvisionalNumber(db)),
      receivedOn: localDateOf(now, config.center.timeZone),
      createdAt,
      operatorId: ctx.operator().id,
      // Art. 8: a repeat must be visible on the appeal even when the operator did not link it.
      repeatOf: draft.repeatOf ?? repeatVerdict(db, repeatProbeOf(draft)).previous?.id ?? null,
      term: reference.typeById.get(draft.categoryId)!.term,
      deadlines: { ruleSet: config.ruleSet, holidays: reference.holidays[config.ruleSet] },
    });
    insertAppeal(db, appeal, nextSortKey(db, 'appeals', now.getTime()));
    enqueueMutation(db, {
      entityType: 'appeal',
      entityId: appeal.id,
      op: 'create',
      payload: appeal,
      createdAt,
      authorId: author.value,
    });
    return appeal;
  });
  ctx.events.emit('appeals:created', { id: appeal.id, callId: linkToCall('appeal', appeal.id) });
  return ok(appeal);
}

export function getAppealById(ctx: ServiceContext, id: string): Result<Appeal> {
  const appeal = getAppeal(ctx.db, id);
  return appeal ? ok(appeal) : fail('not_found', `No appeal "${id}"`);
}

export function findAppeals(
  ctx: ServiceContext,
  q: AppealQuery,
): Result<{ items: AppealSummary[]; nextCursor: string | null }> {
  const before = q.cursor === null ? null : decodeCursor(q.cursor);
  if (q.cursor !== null && before === null) {
    const message = 'Not a cursor from a previous page';
    return fail('invalid_input', message, [{ path: 'cursor', code: 'invalid', message }]);
  }
  // A number the citizen reads out names one appeal, whatever the other filters say.
  const number = q.cursor === null ? appealNumberOf(q.text) : null;
  if (number !== null)
    return ok({ items: appealsByNumber(ctx.db, number).slice(0, q.limit).map(toSummary), nextCursor: null });
  const page = listAppeals(ctx.db, {
    match: q.text === '' ? null : searchExpression(ctx.db, q.text),
    statuses: q.statuses,
    type: q.type,
    categoryId: q.categoryId,
    executorId: q.executorId,
    phone: q.phone === '' ? null : q.phone,
    overdueBefore: q.onlyOverdue ? today(ctx) : null,
    onlyPriority: q.onlyPriority,
    receivedFrom: q.receivedFrom,
    receivedTo: q.receivedTo,
    before,
    limit: q.limit,
  });
  return ok({
    items: page.appeals.map(toSummary),
    nextCursor: page.lastSortKey === null ? null : encodeCursor(page.lastSortKey),
  });
}

export function checkRepeat(ctx: ServiceContext, probe: RepeatProbe): Result<RepeatCheck> {
  const { verdict, previous } = repeatVerdict(ctx.db, probe);
  if (verdict.kind === 'none' || previous === null) return ok({ kind: 'none' });
  return ok({ kind: verdict.kind, previous: toSummary(previous) });
}
