// Outbox entries to wire mutations, and the retry delay. Pure functions, tested directly.
import type { Appeal, Consultation } from '../../shared/domain/appeal';
import type { Role } from '../../shared/sync/auth';
import {
  Mutation,
  MUTATION_ROLES,
  SERVER_ASSIGNED_APPEAL_FIELDS,
  type MutationType,
} from '../../shared/sync/protocol';
import { assertNever } from '../../shared/result';
import { outboxEntityTypes, type OutboxEntityType, type OutboxEntry } from '../core/db/outbox';

export function appealCreatePayload(appeal: Appeal): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...appeal };
  for (const key of SERVER_ASSIGNED_APPEAL_FIELDS) delete payload[key];
  // A re-send after a restore carries the number the citizen was already given (protocol.ts).
  if (appeal.officialNumber) payload['officialNumber'] = appeal.officialNumber;
  return payload;
}

export const MUTATION_TYPE_OF: Record<OutboxEntityType, MutationType> = {
  appeal: 'appeal.create',
  consultation: 'consultation.create',
  call: 'call.upsert',
  appeal_transition: 'appeal.transition',
  appeal_amend: 'appeal.amend',
};

/** The kinds of record a role may make (the server rejects the others `forbidden`). */
export const entityTypesFor = (role: Role): OutboxEntityType[] =>
  outboxEntityTypes.filter((type) => MUTATION_ROLES[MUTATION_TYPE_OF[type]].includes(role));

export type MappedEntry = { ok: true; mutation: Mutation } | { ok: false; message: string };

/**
 * An entry whose payload no longer fits the protocol (a bug, or a record written by an older
 * version) is reported, not pushed: the server would reject it anyway, and it must stay visible.
 * The author is the entry's own, never the pushing session's: the server applies a change only
 * for its author's sign-in.
 */
export function toMutation(entry: OutboxEntry): MappedEntry {
  const record = JSON.parse(entry.payload) as unknown;
  const base = {
    mutationId: entry.mutationId,
    seq: entry.seq,
    entityId: entry.entityId,
    createdAt: entry.createdAt,
    authorId: entry.authorId,
    type: MUTATION_TYPE_OF[entry.entityType],
  };
  let candidate: unknown;
  switch (entry.entityType) {
    case 'appeal':
      candidate = { ...base, payload: appealCreatePayload(record as Appeal) };
      break;
    case 'consultation':
      candidate = { ...base, payload: record as Consultation };
      break;
    // A step or amendment is queued as its wire payload ({ action | amendment, baseVersion }).
    case 'call':
    case 'appeal_transition':
    case 'appeal_amend':
      candidate = { ...base, payload: record };
      break;
    default:
      return assertNever(entry.entityType, 'outbox entity type');
  }
  const parsed = Mutation.safeParse(candidate);
  if (parsed.success) return { ok: true, mutation: parsed.data };
  const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  return { ok: false, message: `The local record does not fit the sync protocol (${where})` };
}
