// The floor's and the center's numbers' use-cases (issue 13): the floor held from the live channel
// (team lead, admin), a lead's override of an agent's state and the day's figures, both asked of the
// server online only. A refusal the server explains (409 a call in progress, 403, 404, 400 a bad
// query) reaches the screen with the server's own message.
import type { DayMetrics, MetricsQuery } from '../../shared/queue/metrics';
import { DayMetrics as DayMetricsSchema, METRICS_PATHS } from '../../shared/queue/metrics';
import type { AgentOverrideInput, FloorSnapshot } from '../../shared/queue/floor';
import { AgentSnapshot } from '../../shared/softphone/agent';
import type { Role } from '../../shared/sync/auth';
import { assertNever, fail, ok, type Result } from '../../shared/result';
import type { ServiceContext } from '../core/context';
import type { ServerOutcome } from '../core/serverApi';
import { offlineResult, serverAnswer } from '../core/serverAnswer';
import type { FloorHolder } from './floorHolder';
import { z } from 'zod';

/** Who watches the floor and sets agents' states (the server's live channel allows the same). */
export const FLOOR_ROLES: readonly Role[] = ['team_lead', 'admin'];
/** Who reads the center's numbers. */
export const METRICS_ROLES: readonly Role[] = ['team_lead', 'admin', 'analyst'];

export const FLOOR_PATHS = {
  agentState: (userId: string) => `/api/v1/agents/${encodeURIComponent(userId)}/state`,
  metrics: METRICS_PATHS.metrics,
} as const;

export const FLOOR_MESSAGES = {
  noServer: 'The floor and the center’s figures are kept on the central server, and none is configured',
  signedOut: 'Sign in first',
  floorRoles: 'Only team leads and administrators see the floor and set agents’ states',
  metricsRoles: 'Only team leads, administrators and analysts see the center’s figures',
  offlineState: 'The server cannot be reached: an agent’s state is set online only',
  offlineMetrics: 'The server cannot be reached: the center’s figures are read online only',
  sessionEnded: 'The session ended: sign in again',
} as const;

function allowed(ctx: ServiceContext, roles: readonly Role[], refusal: string): Result<true> {
  const who = ctx.signer();
  switch (who.kind) {
    case 'no_server':
      return fail('forbidden', FLOOR_MESSAGES.noServer);
    case 'signed_out':
      return fail('unauthorized', FLOOR_MESSAGES.signedOut);
    case 'signed_in':
      return roles.includes(who.user.role) ? ok(true) : fail('forbidden', refusal);
    default:
      return assertNever(who, 'signer');
  }
}

const offline = offlineResult;

/** The server's outcome in the floor's words (core/serverAnswer.ts). */
const answer = <T>(
  outcome: ServerOutcome,
  schema: z.ZodType<T, unknown>,
  offlineMessage: string,
  what: string,
) =>
  serverAnswer(
    outcome,
    (body) => {
      const parsed = schema.safeParse(body);
      return parsed.success ? parsed.data : null;
    },
    { what, offline: offlineMessage, sessionEnded: FLOOR_MESSAGES.sessionEnded },
  );

/** The floor as held now (empty and not live until the live channel delivered it). */
export function floorSnapshot(ctx: ServiceContext, floor: FloorHolder): Result<FloorSnapshot> {
  const may = allowed(ctx, FLOOR_ROLES, FLOOR_MESSAGES.floorRoles);
  return may.ok ? ok(floor.snapshot()) : may;
}

/** The server answers with the agent's snapshot (or wraps it as `{ agent }`). */
const OverrideAnswer = z.union([AgentSnapshot, z.object({ agent: AgentSnapshot }).transform((a) => a.agent)]);

/** POST /api/v1/agents/:userId/state: the server records the reason and tells the agent's workstation. */
export async function setAgentState(
  ctx: ServiceContext,
  input: AgentOverrideInput & { userId: string },
): Promise<Result<AgentSnapshot>> {
  const may = allowed(ctx, FLOOR_ROLES, FLOOR_MESSAGES.floorRoles);
  if (!may.ok) return may;
  if (ctx.server === null) return fail('forbidden', FLOOR_MESSAGES.noServer);
  if (!ctx.server.online()) return offline(FLOOR_MESSAGES.offlineState);
  const { userId, state, reason } = input;
  const outcome = await ctx.server.request('POST', FLOOR_PATHS.agentState(userId), { state, reason });
  return answer(outcome, OverrideAnswer, FLOOR_MESSAGES.offlineState, 'the agent’s state');
}

export function metricsPath(query: MetricsQuery): string {
  const params = new URLSearchParams();
  if (query.day !== undefined) params.set('day', query.day);
  params.set('interval', String(query.interval));
  if (query.threshold !== undefined) params.set('threshold', String(query.threshold));
  return `${FLOOR_PATHS.metrics}?${params.toString()}`;
}

/** GET /api/v1/queue/metrics: the day's figures by interval. */
export async function dayMetrics(ctx: ServiceContext, query: MetricsQuery): Promise<Result<DayMetrics>> {
  const may = allowed(ctx, METRICS_ROLES, FLOOR_MESSAGES.metricsRoles);
  if (!may.ok) return may;
  if (ctx.server === null) return fail('forbidden', FLOOR_MESSAGES.noServer);
  if (!ctx.server.online()) return offline(FLOOR_MESSAGES.offlineMetrics);
  const outcome = await ctx.server.request('GET', metricsPath(query));
  return answer(outcome, DayMetricsSchema, FLOOR_MESSAGES.offlineMetrics, 'the figures');
}
