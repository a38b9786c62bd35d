// The center's numbers (issue 13): `GET /api/v1/queue/metrics` and the cockpit's charts. Every figure
// is defined here once, so the server's SQL, the renderer's labels and the tests agree.
//
// Calls are attributed to the interval in which they ENTERED the queue (arrival), agent time to the
// interval in which it was spent (intervals of agent_state_history are cut at interval edges).
// - offered: calls that entered the queue;
// - answered / abandoned / timedOut / failed: of those, how they left it (waiting ones: none yet);
// - serviceLevel: answeredWithinThreshold / (answered + abandoned + timedOut + failed); null when 0;
// - asaSeconds: mean of answered_at - entered_at over answered calls;
// - abandonedWaitSeconds: mean time abandoned callers waited;
// - ahtSeconds: (on_call + wrap_up seconds) / calls handled, where on_call includes hold and a call
//   is handled in the interval its operator answered it;
// - occupancy: (ringing + on_call + wrap_up) / (those + available), agent seconds; null when 0.
import { z } from 'zod';
import { Instant } from '../domain/storable';

export const METRICS_PATHS = {
  metrics: '/api/v1/queue/metrics',
  now: '/api/v1/queue/now',
} as const;

export const INTERVAL_MINUTES = [15, 30, 60] as const;

export const MetricsQuery = z
  .object({
    /** The day in the server's time zone (CENTER_TIME_ZONE), YYYY-MM-DD; today when absent. */
    day: z.iso.date().optional(),
    interval: z.coerce
      .number()
      .int()
      .refine((n) => (INTERVAL_MINUTES as readonly number[]).includes(n), {
        message: `interval must be one of ${INTERVAL_MINUTES.join(', ')} (minutes)`,
      })
      .default(15),
    /** Service level threshold, seconds; the server's QUEUE_SERVICE_LEVEL_SECONDS when absent. */
    threshold: z.coerce.number().int().min(1).max(3600).optional(),
  })
  .strict();
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const Count = z.number().int().min(0);
const Seconds = z.number().min(0);
const Ratio = z.number().min(0).max(1);

export const CallFigures = z.object({
  offered: Count,
  answered: Count,
  abandoned: Count,
  timedOut: Count,
  failed: Count,
  answeredWithinThreshold: Count,
  serviceLevel: Ratio.nullable(),
  asaSeconds: Seconds.nullable(),
  abandonedWaitSeconds: Seconds.nullable(),
  /** The longest any caller of these waited (answered or not). */
  longestWaitSeconds: Seconds.nullable(),
  ahtSeconds: Seconds.nullable(),
  talkSeconds: Seconds,
  wrapUpSeconds: Seconds,
  occupancy: Ratio.nullable(),
});
export type CallFigures = z.infer<typeof CallFigures>;

export const IntervalMetrics = CallFigures.extend({ start: Instant, end: Instant });
export type IntervalMetrics = z.infer<typeof IntervalMetrics>;

export const OperatorMetrics = z.object({
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  /** Hotline and other calls this operator answered that day. */
  calls: Count,
  ahtSeconds: Seconds.nullable(),
  breaks: Count,
  breakSeconds: Seconds,
  /** Appeals this operator registered that day. */
  appealsRegistered: Count,
});
export type OperatorMetrics = z.infer<typeof OperatorMetrics>;

/** Appeals registered by category group: the day vs the same weekday a week before. */
export const CategoryGroupCount = z.object({
  groupId: z.string(),
  /** The group's name as the classifier has it (uk), for clients without the classifier. */
  name: z.string(),
  day: Count,
  weekBefore: Count,
});
export type CategoryGroupCount = z.infer<typeof CategoryGroupCount>;

export const DayMetrics = z.object({
  day: z.iso.date(),
  timeZone: z.string(),
  intervalMinutes: z.number().int(),
  thresholdSeconds: z.number().int(),
  /** Every interval of the day from midnight, empty ones included (a day has 96 of 15 minutes). */
  intervals: z.array(IntervalMetrics),
  totals: CallFigures,
  operators: z.array(OperatorMetrics),
  categoryGroups: z.array(CategoryGroupCount),
  asOf: Instant,
});
export type DayMetrics = z.infer<typeof DayMetrics>;
