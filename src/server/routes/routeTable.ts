// Every route of the server and who may call it. app.ts refuses to register a route missing here
// and attaches the role check from here, so a handler cannot forget it; the route x role test and
// the OpenAPI document walk this table.
import { z } from 'zod';
import {
  LoginRequest,
  RefreshRequest,
  SessionUser,
  TokenPair,
  roles,
  type Role,
} from '../../shared/sync/auth';
import {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  SYNC_LIMITS,
  SYNC_PATHS,
} from '../../shared/sync/protocol';
import { AUTH_PATHS } from '../../shared/sync/auth';
import { SipCredentials, SIP_PATHS } from '../../shared/softphone/sipConfig';
import {
  AgentHistoryQuery,
  AgentHistoryResponse,
  AgentListResponse,
  AGENT_PATHS,
  PbxHa1Query,
  PbxRouteQuery,
} from '../agents/schemas';
import {
  AppealHistoryResponse,
  AppealIdParams,
  AppealListQuery,
  AppealListResponse,
  AppealResponse,
} from '../appeals/schemas';

/** 'pbx': only the PBX's bearer token (PBX_TOKEN or .data/pbx-token), never a user's sign-in. */
export type Access = 'public' | 'pbx' | readonly Role[];

export interface RouteSpec {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
  /** /metrics: also open to a bearer METRICS_TOKEN. */
  metricsToken?: boolean;
  /**
   * The largest body taken (bytes). Public routes take small ones: an anonymous caller must not
   * make the server read megabytes. Routes without a body take none beyond the server's default.
   */
  bodyLimit?: number;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
}

/** Sign-in, refresh, pull and the like: a few hundred bytes in practice. */
const SMALL_BODY = 8 * 1024;

export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(512).optional() }).strict();
export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('ok') });

const everyone = roles;
const appealReaders: readonly Role[] = ['operator', 'analyst', 'feedback', 'team_lead', 'admin'];
const historyReaders: readonly Role[] = ['analyst', 'team_lead', 'admin'];
/**
 * A device pushes and pulls for its signed-in user. Every role may: who may make which change is
 * decided per mutation (MUTATION_ROLES), so a change refused for the role is rejected with that
 * reason and shown as such, never left waiting behind an HTTP 403.
 */
const syncRoles: readonly Role[] = roles;
/** Those who take calls on the softphone. */
const agentRoles: readonly Role[] = ['operator', 'team_lead'];
const agentWatchers: readonly Role[] = ['team_lead', 'admin'];
const agentReporters: readonly Role[] = ['team_lead', 'analyst', 'admin'];

export const routeTable: readonly RouteSpec[] = [
  {
    method: 'GET',
    url: '/healthz',
    access: 'public',
    summary: 'Liveness and database check',
    response: HealthResponse,
  },
  { method: 'GET', url: '/metrics', access: ['admin'], metricsToken: true, summary: 'Prometheus metrics' },
  { method: 'GET', url: '/api/v1/openapi.json', access: 'public', summary: 'This API as OpenAPI 3.1' },
  {
    method: 'POST',
    url: AUTH_PATHS.login,
    bodyLimit: SMALL_BODY,
    access: 'public',
    summary: 'Sign in with a password (rate-limited per username and per address)',
    body: LoginRequest,
    response: TokenPair,
  },
  {
    method: 'POST',
    url: AUTH_PATHS.refresh,
    bodyLimit: SMALL_BODY,
    access: 'public',
    summary: 'Exchange a refresh token for a new pair (rotation; reuse revokes the sign-in)',
    body: RefreshRequest,
    response: TokenPair,
  },
  {
    method: 'POST',
    url: AUTH_PATHS.logout,
    bodyLimit: SMALL_BODY,
    access: everyone,
    summary: 'End this sign-in: its refresh and access tokens stop working',
    body: LogoutRequest,
  },
  {
    method: 'GET',
    url: AUTH_PATHS.me,
    access: everyone,
    summary: 'The signed-in user',
    response: SessionUser,
  },
  {
    method: 'GET',
    url: '/api/v1/appeals',
    access: appealReaders,
    summary: 'List appeals with filters, newest first, keyset paging',
    query: AppealListQuery,
    response: AppealListResponse,
  },
  {
    method: 'GET',
    url: '/api/v1/appeals/:id',
    access: appealReaders,
    summary: 'One appeal',
    params: AppealIdParams,
    response: AppealResponse,
  },
  {
    method: 'GET',
    url: '/api/v1/appeals/:id/history',
    access: historyReaders,
    summary: 'Every recorded change of an appeal',
    params: AppealIdParams,
    response: AppealHistoryResponse,
  },
  {
    method: 'POST',
    url: SYNC_PATHS.push,
    bodyLimit: SYNC_LIMITS.bodyBytes,
    access: syncRoles,
    summary: 'Push a batch of mutations; each is applied exactly once',
    body: PushRequest,
    response: PushResponse,
  },
  {
    method: 'POST',
    url: SYNC_PATHS.pull,
    bodyLimit: SMALL_BODY,
    access: syncRoles,
    summary: 'Pull server changes after a cursor',
    body: PullRequest,
    response: PullResponse,
  },
  {
    method: 'POST',
    url: SIP_PATHS.credentials,
    bodyLimit: SMALL_BODY,
    access: agentRoles,
    summary:
      'Issue fresh SIP credentials (HA1) for the signed-in agent; 404 sip_not_configured without a PBX',
    response: SipCredentials,
  },
  {
    method: 'GET',
    url: AGENT_PATHS.list,
    access: agentWatchers,
    summary: 'Every agent’s current state',
    response: AgentListResponse,
  },
  {
    method: 'GET',
    url: AGENT_PATHS.history,
    access: agentReporters,
    summary: 'Agent state intervals overlapping [from, to), for reports',
    query: AgentHistoryQuery,
    response: AgentHistoryResponse,
  },
  {
    method: 'GET',
    url: SIP_PATHS.pbxHa1,
    access: 'pbx',
    summary: 'PBX: the HA1 of a SIP account as text/plain; 404 when none',
    query: PbxHa1Query,
  },
  {
    method: 'GET',
    url: SIP_PATHS.pbxRoute,
    access: 'pbx',
    summary:
      'PBX: reserve the longest-idle available operator for a call; text/plain username, 486 when none',
    query: PbxRouteQuery,
  },
];

export function findRoute(method: string, url: string): RouteSpec | undefined {
  return routeTable.find((r) => r.method === method && r.url === url);
}
