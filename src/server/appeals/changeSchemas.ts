// Wire shapes of the REST API's changes to an appeal (for organisations that integrate their own
// systems): the same lifecycle step and amendment the sync protocol carries, on the version seen.
import { z } from 'zod';
import { UuidAnyCase } from '../../shared/domain/storable';
import { AppealAmendPayload, AppealTransitionPayload, ServerAppeal } from '../../shared/sync/protocol';

export const TransitionRequest = AppealTransitionPayload;
export const AmendmentRequest = AppealAmendPayload;

/**
 * `Idempotency-Key`: a UUID the caller makes per change. Sent again with the same request (after a
 * timeout, a dropped connection), the first answer is repeated and nothing is applied twice; the
 * same key with another request is refused (422 idempotency_key_reused).
 */
export const IdempotencyHeaders = z.object({ 'idempotency-key': UuidAnyCase.optional() });

export const ChangeResponse = z.object({
  /** The appeal after the change, with its new version (the next change's baseVersion). */
  appeal: ServerAppeal,
});
export type ChangeResponse = z.infer<typeof ChangeResponse>;
