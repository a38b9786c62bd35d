// The push request's envelope. The whole request must have this shape (else 400); each mutation's
// payload is then checked on its own, so one bad mutation is rejected and stored while the rest of
// the batch is applied.
import { z } from 'zod';
import { Uuid } from '../../shared/domain/storable';
import type { Role } from '../../shared/sync/auth';
import {
  Mutation,
  MUTATION_ROLES,
  MUTATION_TYPES,
  MutationSeq,
  pushRequestOf,
  type MutationResult,
} from '../../shared/sync/protocol';

export const MutationEnvelope = z
  .object({
    mutationId: Uuid,
    seq: MutationSeq,
    type: z.enum(MUTATION_TYPES),
    // Loose here, checked per mutation (checkMutation): a bad value rejects that mutation alone.
    entityId: z.string().max(64),
    createdAt: z.string().max(64),
    authorId: z.string().max(64),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

/** The push request (PushRequest, as OpenAPI shows it) with its mutations read loosely. */
export const PushEnvelope = pushRequestOf(MutationEnvelope);
export type PushEnvelope = z.infer<typeof PushEnvelope>;

export type RejectionReason = Extract<MutationResult, { status: 'rejected' }>['reason'];

export interface Pusher {
  userId: string;
  role: Role;
}

/**
 * The mutation as the shared schema defines it, or why it is refused: a bad value, a change made
 * by someone other than the signed-in pusher (never applied as somebody else), or a role that may
 * not make it.
 */
export function checkMutation(
  m: MutationEnvelope,
  pusher: Pusher,
): { ok: true; mutation: Mutation } | { ok: false; reason: RejectionReason } {
  if (m.authorId !== pusher.userId) {
    return {
      ok: false,
      reason: {
        code: 'forbidden',
        message: 'This change was made by another user; it is uploaded only when that user signs in',
      },
    };
  }
  if (!MUTATION_ROLES[m.type].includes(pusher.role)) {
    // A refused lifecycle step or amendment names its refusal, as the lifecycle's own refusals do.
    const changesAppeal = m.type === 'appeal.transition' || m.type === 'appeal.amend';
    return {
      ok: false,
      reason: {
        code: 'forbidden',
        message: `The role ${pusher.role} may not make ${m.type} changes`,
        ...(changesAppeal ? { refusal: 'forbidden' as const } : {}),
      },
    };
  }
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(mutation)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: { code: 'invalid', message } };
  }
  const mutation = parsed.data;
  // A change of an existing appeal names it by entityId alone (a UUID by the schema); a record
  // that is created carries its id in the payload as well, and the two must agree.
  if (mutation.type === 'appeal.transition' || mutation.type === 'appeal.amend')
    return { ok: true, mutation };
  if (mutation.payload.id !== mutation.entityId) {
    return { ok: false, reason: { code: 'invalid', message: 'entityId differs from payload.id' } };
  }
  if (!Uuid.safeParse(mutation.payload.id).success) {
    return { ok: false, reason: { code: 'invalid', message: 'payload.id: not a UUID' } };
  }
  return { ok: true, mutation };
}
