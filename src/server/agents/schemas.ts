// Wire shapes of the agents REST API (team-lead views and reports) and the PBX API.
import { z } from 'zod';
import { Instant, StorableLine, UuidAnyCase } from '../../shared/domain/storable';
import { AgentSnapshot } from '../../shared/softphone/agent';

export const AGENT_PATHS = {
  list: '/api/v1/agents',
  history: '/api/v1/agents/history',
  /** A team lead sets an agent's state (AgentOverrideInput of src/shared/queue/floor.ts). */
  override: '/api/v1/agents/:userId/state',
} as const;

export const AgentIdParams = z.object({ userId: UuidAnyCase }).strict();

export const AgentListResponse = z.object({ agents: z.array(AgentSnapshot) });
export type AgentListResponse = z.infer<typeof AgentListResponse>;

/** Reports span at most this many days per request. */
export const HISTORY_MAX_DAYS = 93;
export const HISTORY_MAX_ROWS = 10_000;

export const AgentHistoryQuery = z
  .object({
    /** Intervals that overlap [from, to). */
    from: Instant,
    to: Instant,
    userId: UuidAnyCase.optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= HISTORY_MAX_DAYS * 86_400_000, {
    message: `At most ${HISTORY_MAX_DAYS} days per request`,
    path: ['to'],
  });
export type AgentHistoryQuery = z.infer<typeof AgentHistoryQuery>;

export const AgentInterval = z.object({
  userId: z.string(),
  username: z.string(),
  state: z.enum(['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break']),
  /** The break reason; null for other states. */
  reason: z.string().nullable(),
  callId: z.string().nullable(),
  startedAt: Instant,
  /** Null while the interval is the agent's current state. */
  endedAt: Instant.nullable(),
});
export type AgentInterval = z.infer<typeof AgentInterval>;

export const AgentHistoryResponse = z.object({
  intervals: z.array(AgentInterval),
  /** True when more than HISTORY_MAX_ROWS intervals matched: ask for a shorter span. */
  truncated: z.boolean(),
});
export type AgentHistoryResponse = z.infer<typeof AgentHistoryResponse>;

/** SIP user parts and realms as Kamailio passes them; nothing longer is ever issued. */
const SipToken = StorableLine.min(1).max(128);

export const PbxHa1Query = z.object({ username: SipToken, realm: SipToken }).strict();

export const PbxRouteQuery = z
  .object({
    /** The dialled number (the hotline) and the caller: only validated, never stored or logged. */
    to: StorableLine.max(256),
    from: StorableLine.max(256),
    callId: StorableLine.min(1).max(256),
    /**
     * Operators this call was already offered to and who did not take it (refused, unreachable or
     * rang out), comma-separated, when the PBX hunts for the next one: they are released and skipped.
     */
    tried: z
      .string()
      .max(2048)
      .regex(/^[A-Za-z0-9._-]{1,64}(,[A-Za-z0-9._-]{1,64})*$/)
      .transform((list) => [...new Set(list.split(','))])
      .optional(),
  })
  .strict();
