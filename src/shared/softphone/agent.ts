// Agent state (issue 4, ARCHITECTURE.md "Softphone"): driven by the softphone and the operator,
// published live to the central server and used there to route the hotline's calls.
import { z } from 'zod';
import { Instant, StorableLine } from '../domain/storable';

export const BreakReason = z.enum(['lunch', 'training', 'technical', 'meeting', 'personal']);
export type BreakReason = z.infer<typeof BreakReason>;

const Offline = z.object({ state: z.literal('offline') }).strict();
const Available = z.object({ state: z.literal('available') }).strict();
const Ringing = z.object({ state: z.literal('ringing'), callId: StorableLine.min(1).max(64) }).strict();
const OnCall = z.object({ state: z.literal('on_call'), callId: StorableLine.min(1).max(64) }).strict();
/** After a call, for notes; returns to available at `until` unless the operator chooses otherwise. */
const WrapUp = z.object({ state: z.literal('wrap_up'), until: Instant }).strict();
const Break = z.object({ state: z.literal('break'), reason: BreakReason }).strict();

export const AgentState = z.discriminatedUnion('state', [Offline, Available, Ringing, OnCall, WrapUp, Break]);
export type AgentState = z.infer<typeof AgentState>;

/**
 * A state asked of main. A call's wrap-up is asked for without an end: main sets it from the
 * configured wrap-up length (`wrapUpAfterCall`); only extending a wrap-up already running names
 * its new end.
 */
export const AgentStateRequest = z.discriminatedUnion('state', [
  Offline,
  Available,
  Ringing,
  OnCall,
  WrapUp.partial({ until: true }),
  Break,
]);
export type AgentStateRequest = z.infer<typeof AgentStateRequest>;

/** The state a call's wrap-up begins with: wrap-up for `seconds`, or available when there is none. */
export function wrapUpAfterCall(nowMs: number, seconds: number): AgentState {
  if (seconds === 0) return { state: 'available' };
  return { state: 'wrap_up', until: new Date(nowMs + seconds * 1000).toISOString() };
}

/**
 * The call an agent state names is the SIP Call-ID, cut to what AgentState allows: the PBX's
 * reservation (the server's routing), the workstation's report and the call record all use it, so
 * a confirmed reservation is the same state and reports can join agent history with calls.
 */
export const agentCallId = (sipCallId: string): string => sipCallId.slice(0, 64);
export type AgentStateName = AgentState['state'];

/** The call an agent is on (ringing, talking or on hold), as the floor shows it. */
export const AgentCall = z.object({
  direction: z.enum(['inbound', 'outbound']),
  /** When it began to ring. */
  startedAt: Instant,
  answeredAt: Instant.nullable(),
  /** maskPhone() (shared/queue) of the other party; null when withheld or not known yet. */
  otherPartyMasked: z.string().nullable(),
});
export type AgentCall = z.infer<typeof AgentCall>;

/** One agent as the server knows it (team-lead views, routing). */
export const AgentSnapshot = z.object({
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  state: AgentState,
  /** When the current state began: "longest idle first" routing orders available agents by it. */
  since: Instant,
  /** Whether the workstation reported its SIP registration as up. */
  sipRegistered: z.boolean(),
  /** Whether a workstation holds a live connection for this agent now. */
  connected: z.boolean(),
  /** The floor's extras (issue 13); absent from servers before it. */
  role: z.enum(['operator', 'feedback', 'team_lead']).optional(),
  /** When the agent's current shift began: the end of their last offline interval; null when offline. */
  signedInAt: Instant.nullable().optional(),
  /** The call the agent is ringing for or on, from the workstation's call records and the queue. */
  call: AgentCall.nullable().optional(),
  /** When the line was last seen going down while connected (for the line alert); null when up. */
  lineDownSince: Instant.nullable().optional(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;

/** The agent state as the workstation shows it. */
export const AgentStatus = z.object({
  state: AgentState,
  since: Instant,
  /** True once the central server has the current state; false while offline or not configured. */
  published: z.boolean(),
  wrapUpSeconds: z.number().int().min(0).max(3600),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** What the operator may set by hand; ringing and on-call come from the softphone. */
export const AgentStateInput = z
  .object({
    state: AgentStateRequest,
    sipRegistered: z.boolean().optional(),
  })
  .strict();
export type AgentStateInput = z.infer<typeof AgentStateInput>;
