// The push request's envelope. The whole request must have this shape (else 400); each mutation's
// payload is then checked on its own, so one bad mutation is rejected and stored while the rest of
// the batch is applied.
import { z } from 'zod';
import {
  AcknowledgedSeq,
  DeviceId,
  Mutation,
  SYNC_LIMITS,
  type MutationResult,
} from '../../shared/sync/protocol';

const mutationTypes = [
  'appeal.create',
  'consultation.create',
  'call.upsert',
] as const satisfies readonly Mutation['type'][];

export const MutationEnvelope = z
  .object({
    mutationId: DeviceId,
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    type: z.enum(mutationTypes),
    entityId: z.string().min(1).max(64),
    createdAt: z.iso.datetime({ offset: true }),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

export const PushEnvelope = z
  .object({
    deviceId: DeviceId,
    epoch: z.string().max(64).nullable(),
    acknowledgedSeq: AcknowledgedSeq,
    mutations: z.array(MutationEnvelope).min(1).max(SYNC_LIMITS.pushBatch),
  })
  .strict();
export type PushEnvelope = z.infer<typeof PushEnvelope>;

export type RejectionReason = Extract<MutationResult, { status: 'rejected' }>['reason'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The mutation as the shared schema defines it, or why it is refused. */
export function checkMutation(
  m: MutationEnvelope,
): { ok: true; mutation: Mutation } | { ok: false; reason: RejectionReason } {
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(mutation)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: { code: 'invalid', message } };
  }
  const mutation = parsed.data;
  if (mutation.payload.id !== mutation.entityId) {
    return { ok: false, reason: { code: 'invalid', message: 'entityId differs from payload.id' } };
  }
  if (!UUID.test(mutation.payload.id)) {
    return { ok: false, reason: { code: 'invalid', message: 'payload.id: not a UUID' } };
  }
  return { ok: true, mutation };
}
