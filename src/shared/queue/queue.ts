// The hotline's call queue (issue 13). Callers wait on the PBX (their INVITE suspended, hearing
// ringback); the queue itself lives in PostgreSQL (`queue_calls`, migration 060) so every server
// instance and a restarted PBX see the same order. Ordered by priority (higher first), then by
// arrival: no caller is ever offered an operator before an earlier caller of the same priority.
import { z } from 'zod';
import { Instant } from '../domain/storable';

/**
 * - waiting: in the queue, no operator yet (also after an operator let it ring out: it keeps its place);
 * - offered: an operator was reserved for it and is ringing;
 * - answered: an operator took it;
 * - abandoned: the caller hung up (or the line was lost) before an operator took it;
 * - timed_out: waited the queue's maximum and was told no operator is available;
 * - failed: could not be offered at all (no operator signed in, the PBX refused it).
 */
export const QueueCallState = z.enum(['waiting', 'offered', 'answered', 'abandoned', 'timed_out', 'failed']);
export type QueueCallState = z.infer<typeof QueueCallState>;
export const FINAL_QUEUE_STATES: readonly QueueCallState[] = ['answered', 'abandoned', 'timed_out', 'failed'];

/** Why a call ended without an operator (`queue_calls.end_cause`). */
export const QueueEndCause = z.enum([
  'caller_hung_up',
  /** The PBX restarted (or lost the call) while the caller waited: counted as abandoned. */
  'line_lost',
  'max_wait',
  'no_operator',
]);
export type QueueEndCause = z.infer<typeof QueueEndCause>;

/** Why a caller waits ahead of others (QUEUE_PRIORITIES on the server). */
export const QueuePriorityReason = z.enum(['benefit', 'callback']);
export type QueuePriorityReason = z.infer<typeof QueuePriorityReason>;

/** One caller in the queue as a team lead sees it: never the full number. */
export const QueueEntry = z.object({
  /** Arrival order (bigserial): the tie-breaker within a priority. */
  id: z.string(),
  /** 1 = next to be offered. */
  position: z.number().int().min(1),
  queue: z.string(),
  priority: z.number().int(),
  priorityReason: QueuePriorityReason.nullable(),
  /** maskPhone() of the caller's number, e.g. "•••4567"; null when the number was withheld. */
  callerMasked: z.string().nullable(),
  enteredAt: Instant,
  state: z.enum(['waiting', 'offered']),
  /** The operator ringing now (state offered). */
  offeredTo: z.string().nullable(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** Today so far (the server's day in its time zone), for the live tiles. */
export const QueueToday = z.object({
  offered: z.number().int().min(0),
  answered: z.number().int().min(0),
  abandoned: z.number().int().min(0),
  timedOut: z.number().int().min(0),
  /** Answered within the threshold / calls that left the queue; null before the first one did. */
  serviceLevel: z.number().min(0).max(1).nullable(),
  thresholdSeconds: z.number().int().min(1),
  /** Average speed of answer, seconds; null before the first answer. */
  asaSeconds: z.number().min(0).nullable(),
});
export type QueueToday = z.infer<typeof QueueToday>;

export const QueueSnapshot = z.object({
  /** Waiting and offered callers, in the order they will be served. */
  waiting: z.array(QueueEntry),
  /** When the caller who has waited longest arrived; null when nobody waits. */
  longestWaitingSince: Instant.nullable(),
  today: QueueToday,
  /** The server's clock when this was read: clients compute waits against it, not their own clock. */
  asOf: Instant,
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

/** Server defaults (environment variables in src/server/config.ts override them). */
export const QUEUE_DEFAULTS = {
  /** QUEUE_MAX_WAIT_SECONDS: a caller waits at most this long, then hears busy (timed_out). */
  maxWaitSeconds: 600,
  /** QUEUE_SERVICE_LEVEL_SECONDS: "answered within" threshold of the service level. */
  serviceLevelSeconds: 20,
  /** QUEUE_PRIORITIES: comma-separated QueuePriorityReason values; empty = strict arrival order. */
  priorities: [] as QueuePriorityReason[],
  /** The most callers one hotline queue holds; the next hears busy at once (failed, no_operator). */
  capacity: 500,
} as const;

/** The last four digits, the rest hidden: enough to tell callers apart, not to call them. */
export function maskPhone(number: string | null | undefined): string | null {
  const digits = (number ?? '').replace(/\D/g, '');
  if (digits.length === 0) return null;
  return `•••${digits.slice(-4)}`;
}
