// A call record (issue 4): every call the workstation rings, answers or places, stored locally,
// linked to what the operator registered during it, and synced like appeals (mutation
// `call.upsert`, the highest version wins on the server).
import { z } from 'zod';
import { INT4_MAX, Instant, StorableLine, Uuid } from '../domain/storable';

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/**
 * How a call ended. `missed`: rang and the caller gave up or it timed out; `rejected`: the operator
 * declined; `busy`/`failed`: an outbound call the far end refused or the network lost.
 */
export const CallResult = z.enum(['answered', 'missed', 'rejected', 'busy', 'failed', 'transferred']);
export type CallResult = z.infer<typeof CallResult>;

/**
 * What a call was for. `citizen` (or absent, as in every record made before issue 10): a call with
 * a citizen. `consultation`: the consulted operator's leg of an attended transfer, an operator
 * calling this one to hand a citizen over (the SIP INVITE carries `X-Hotline-Consultation`; see
 * src/renderer/softphone/README.md). It is not a citizen call: no wrap-up follows it, and reports
 * leave it out of the citizens' calls.
 */
export const CallKind = z.enum(['citizen', 'consultation']);
export type CallKind = z.infer<typeof CallKind>;

/**
 * Characters a peer may put in a caller id that make it read differently than it is: controls,
 * bidi embeddings, overrides and isolates, zero-width characters.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CALLER_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** A caller id or name as the network gave it, made safe to show and to store, and bounded. */
export function cleanCallerText(text: string, max: number): string {
  return text.replace(UNSAFE_CALLER_CHARS, '').trim().slice(0, max);
}

/** A caller id as the PBX gave it, cleaned (cleanCallerText): odd characters are the peer's, not ours to crash on. */
export const CallNumber = StorableLine.max(64).refine(
  (s) => cleanCallerText(s, 64) === s.trim(),
  'control, direction and zero-width characters are not allowed',
);

export const CallRecord = z
  .object({
    /** UUIDv7 made on the workstation when the call first rang or was dialled. */
    id: Uuid,
    /** The SIP Call-ID of the operator's leg. */
    sipCallId: StorableLine.min(1).max(256),
    direction: CallDirection,
    /** Inbound: the hotline or the operator's extension dialled; outbound: the operator's extension. */
    localNumber: CallNumber,
    /** Inbound: the caller id; outbound: the number dialled. */
    remoteNumber: CallNumber,
    remoteName: StorableLine.max(128)
      .refine(
        (s) => cleanCallerText(s, 128) === s.trim(),
        'control, direction and zero-width characters are not allowed',
      )
      .nullable(),
    operatorId: StorableLine.min(1).max(64),
    ringAt: Instant,
    answeredAt: Instant.nullable(),
    endedAt: Instant.nullable(),
    /** null while the call is still going on. */
    result: CallResult.nullable(),
    /** Where a transfer sent the call, if it was transferred. */
    transferTarget: CallNumber.nullable(),
    kind: CallKind.optional(),
    appealIds: z.array(Uuid).max(20),
    consultationIds: z.array(Uuid).max(20),
    /** Raised by every local change; the server keeps the record with the highest version. */
    version: z.number().int().min(1).max(INT4_MAX),
    updatedAt: Instant,
  })
  .strict();
export type CallRecord = z.infer<typeof CallRecord>;

/**
 * A call as the softphone reports it (`calls:save`): what it saw. Main adds what it owns, the
 * operator who took the call, the version and the time of the save, so the renderer neither
 * computes nor sends them.
 */
export const CallReport = CallRecord.omit({ operatorId: true, version: true, updatedAt: true });
export type CallReport = z.infer<typeof CallReport>;
