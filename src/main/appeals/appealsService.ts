// Registering and finding appeals.
import { buildingKey, type Appeal, type AppealDraft, type AppealSummary } from '../../shared/domain/appeal';
import { countryIssues } from '../../shared/domain/countryRules';
import { computeDeadline } from '../../shared/domain/deadlines';
import { uuidv7 } from '../../shared/domain/ids';
import { localDateOf } from '../../shared/domain/localDate';
import { detectRepeat, type RepeatProbe } from '../../shared/domain/repeat';
import type { AppealQuery, RepeatCheck } from '../../shared/ipc/contract';
import { fail, ok, type FieldIssue, type Result } from '../../shared/result';
import {
  appealExists,
  appealsAtBuildingOnCategory,
  getAppeal,
  insertAppeal,
  listAppeals,
} from './appealsRepo';
import { decodeCursor, encodeCursor } from '../core/db/cursor';
import { takeProvisionalNumber } from '../core/db/device';
import { enqueueMutation } from '../core/db/outbox';
import { ftsQuery } from './search';
import { nextSortKey } from '../core/db/sortKey';
import type { ReadableDB } from '../core/db/types';
import { toRepeatCandidate, toSummary } from '../../shared/domain/appealSummary';
import { authorFor } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import { noCall, type LinkToCall } from '../calls';
import { formatProvisionalNumber } from './provisionalNumber';

/** How many earlier appeals on the same question at the same building repeat detection reads. */
const REPEAT_CANDIDATES = 200;

export const today = (ctx: ServiceContext): string => localDateOf(ctx.clock(), ctx.config.center.timeZone);

export function checkReferences(ctx: ServiceContext, categoryId: string, executorId: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (categoryId !== '' && !ctx.reference.typeById.has(categoryId)) {
    issues.push({
      path: 'categoryId',
      code: 'unknown',
      message: `No question type "${categoryId}" in the classifier`,
    });
  }
  if (executorId !== '' && !ctx.reference.executorById.has(executorId)) {
    issues.push({
      path: 'executorId',
      code: 'unknown',
      message: `No executor "${executorId}" in the directory`,
    });
  }
  return issues;
}

function repeatVerdict(db: ReadableDB, probe: RepeatProbe) {
  const earlier = appealsAtBuildingOnCategory(
    db,
    buildingKey(probe.address),
    probe.categoryId,
    REPEAT_CANDIDATES,
  );
  const byId = new Map(earlier.map((a) => [a.id, a]));
  const verdict = detectRepeat(probe, earlier.map(toRepeatCandidate));
  return { verdict, previous: verdict.kind === 'none' ? null : byId.get(verdict.previous.id)! };
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
  // The contract's schema holds for both countries; the center's own law (Kazakhstan requires the
  // IIN, each country has its benefit categories) is checked here, whoever calls.
  const issues = [
    ...countryIssues(draft, config.ruleSet),
    ...checkReferences(ctx, draft.categoryId, draft.executorId),
  ];
  if (draft.repeatOf !== null && !appealExists(db, draft.repeatOf)) {
    issues.push({
      path: 'repeatOf',
      code: 'unknown',
      message: `No appeal "${draft.repeatOf}" in this store`,
    });
  }
  if (issues.length > 0) return fail('invalid_input', issues.map((i) => i.message).join('; '), issues);

  const now = ctx.clock();
  const createdAt = now.toISOString();
  const receivedOn = localDateOf(now, config.center.timeZone);
  const term = reference.typeById.get(draft.categoryId)!.term;
  const deadline = computeDeadline(
    { receivedOn, term, benefit: draft.benefit },
    { ruleSet: config.ruleSet, holidays: reference.holidays[config.ruleSet] },
  );

  const appeal = ctx.write((): Appeal => {
    // Art. 8: a repeat must be visible on the appeal even when the operator did not link it.
    const repeatOf =
      draft.repeatOf ??
      repeatVerdict(db, {
        applicantName: draft.applicant.fullName,
        phones: draft.applicant.phones,
        iin: draft.applicant.iin,
        address: draft.applicant.address,
        categoryId: draft.categoryId,
      }).previous?.id ??
      null;
    const appeal: Appeal = {
      ...draft,
      repeatOf,
      id: uuidv7(now.getTime()),
      provisionalNumber: formatProvisionalNumber(ctx.deviceTag, takeProvisionalNumber(db)),
      officialNumber: null,
      status: 'registered',
      result: null,
      version: 1,
      priority: deadline.priority,
      receivedOn,
      deadlineOn: deadline.deadlineOn,
      deadlineRule: deadline.rule,
      createdAt,
      updatedAt: createdAt,
      operatorId: ctx.operator().id,
    };
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
  const page = listAppeals(ctx.db, {
    match: q.text === '' ? null : ftsQuery(q.text),
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
