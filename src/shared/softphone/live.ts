// The live channel, WebSocket /api/v1/live (ARCHITECTURE.md: presence). The workstation's main
// process holds it (it has the session token); the first message authenticates. Instances of the
// server fan events out to each other through PostgreSQL LISTEN/NOTIFY.
import { z } from 'zod';
import { StorableLine } from '../domain/storable';
import { IncidentChangedMessage } from '../incidents';
import { AgentOverride } from '../queue/floor';
import { QueueSnapshot } from '../queue/queue';
import { AgentSnapshot, AgentState } from './agent';

export const LIVE_PATH = '/api/v1/live';

export const LiveClientMessage = z.discriminatedUnion('type', [
  /** First message: an access token from sign-in; the socket is closed (4401) if it is not valid. */
  z
    .object({
      type: z.literal('hello'),
      token: z.string().min(1).max(4096),
      /** The device the workstation's sign-in was made on (the access token's, when it names one). */
      deviceId: StorableLine.max(64),
    })
    .strict(),
  z.object({ type: z.literal('agent.state'), state: AgentState, sipRegistered: z.boolean() }).strict(),
  /** Team leads (and admins) subscribe to every agent's snapshot and changes. */
  z.object({ type: z.literal('agents.subscribe') }).strict(),
  /** Team leads (and admins) subscribe to the call queue: `queue` now and at every change. */
  z.object({ type: z.literal('queue.subscribe') }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

export const LiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), userId: z.string(), agent: AgentSnapshot }),
  z.object({ type: z.literal('agent.ack'), agent: AgentSnapshot }),
  z.object({ type: z.literal('agents'), agents: z.array(AgentSnapshot) }),
  z.object({ type: z.literal('agent.changed'), agent: AgentSnapshot }),
  /** The call queue: sent on `queue.subscribe` and at every change (at most every 200 ms). */
  z.object({ type: z.literal('queue'), queue: QueueSnapshot }),
  /**
   * To the agent's own workstation: a team lead set this agent's state. The workstation adopts it
   * (unless a call is in progress: it reports what it has), tells the operator, and reports back.
   */
  z.object({ type: z.literal('agent.set'), override: AgentOverride }),
  /** Something a workstation may hold changed on the server: pull now instead of at the next poll. */
  z.object({ type: z.literal('sync.changed') }),
  /** A mass incident was detected or changed (src/shared/incidents): to every socket but executors'. */
  IncidentChangedMessage,
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

/** Close codes: 4401 not authenticated, 4403 role not allowed, 4408 no hello in time, 4400 bad message. */
export const LIVE_CLOSE = {
  unauthenticated: 4401,
  forbidden: 4403,
  helloTimeout: 4408,
  badMessage: 4400,
} as const;
