// The team lead's live floor (issue 13): what an agent snapshot carries beyond its state, the
// lead's override of an agent's state, and the limits past which the board raises an alert.
import { z } from 'zod';
import { Instant, StorableLine } from '../domain/storable';
import { AgentSnapshot, BreakReason } from '../softphone/agent';
import { QueueSnapshot } from './queue';

export { AgentCall } from '../softphone/agent';

/**
 * A team lead (or admin) sets an agent's state: ends a forgotten break or wrap-up, sends someone
 * on a break, or signs a left-behind desk out. The reason is recorded (audit) and shown to the agent.
 * `POST /api/v1/agents/:userId/state`.
 */
export const AgentOverrideInput = z
  .object({
    state: z.discriminatedUnion('state', [
      z.object({ state: z.literal('available') }).strict(),
      z.object({ state: z.literal('break'), reason: BreakReason }).strict(),
      z.object({ state: z.literal('offline') }).strict(),
    ]),
    reason: StorableLine.trim().min(1).max(200),
  })
  .strict();
export type AgentOverrideInput = z.infer<typeof AgentOverrideInput>;

/** What the agent's workstation is told (live message `agent.set`) and shows the operator. */
export const AgentOverride = AgentOverrideInput.extend({
  by: z.string(),
  at: Instant,
});
export type AgentOverride = z.infer<typeof AgentOverride>;

/** Alert limits of the floor (seconds). */
export const FLOOR_LIMITS = {
  breakSeconds: {
    lunch: 45 * 60,
    training: 60 * 60,
    technical: 15 * 60,
    meeting: 60 * 60,
    personal: 10 * 60,
  },
  /** A wrap-up running past its `until` by this much. */
  wrapUpOverrunSeconds: 30,
  /** A call (from answer) longer than this. */
  longCallSeconds: 15 * 60,
  /** A line that reports itself unregistered for longer than this (a blip is not an alert). */
  lineDownSeconds: 10,
} as const;

export const FloorAlertKind = z.enum([
  'break_over',
  'wrap_up_over',
  'long_call',
  'line_down',
  'disconnected',
]);
export type FloorAlertKind = z.infer<typeof FloorAlertKind>;

/**
 * The team lead's floor as main holds it from the live channel. `live` false: the channel is down
 * (the figures are as of `asOf`, and the board says so) — it reconnects on its own and catches up.
 */
export const FloorSnapshot = z.object({
  agents: z.array(AgentSnapshot),
  queue: QueueSnapshot.nullable(),
  live: z.boolean(),
  asOf: Instant,
});
export type FloorSnapshot = z.infer<typeof FloorSnapshot>;
export const FloorChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agent: AgentSnapshot }),
  z.object({ kind: z.literal('queue'), queue: QueueSnapshot }),
  z.object({ kind: z.literal('live'), live: z.boolean() }),
]);
export type FloorChange = z.infer<typeof FloorChange>;
