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
  AgentIdParams,
  AgentListResponse,
  AGENT_PATHS,
  PbxHa1Query,
} from '../agents/schemas';
import { PbxQueueEventQuery, PbxQueueRouteQuery, QUEUE_PATHS } from '../queue/schemas';
import { METRICS_PATHS } from '../../shared/queue/metrics';
import { QueueSnapshot } from '../../shared/queue/queue';
import { MUTATION_ROLES } from '../../shared/sync/protocol';
import { AgentOverrideInput } from '../../shared/queue/floor';
import { DayMetrics, MetricsQuery } from '../../shared/queue/metrics';
import { AgentSnapshot } from '../../shared/softphone/agent';
import {
  AppealHistoryResponse,
  AppealIdParams,
  AppealListQuery,
  AppealListResponse,
  AppealResponse,
} from '../appeals/schemas';
import {
  AmendmentRequest,
  ChangeResponse,
  IdempotencyHeaders,
  TransitionRequest,
} from '../appeals/changeSchemas';
import { ContactsBody, ExecutorIdParams, ExecutorListResponse, ExecutorRecord } from '../executors/schemas';
import {
  INCIDENT_LINKERS,
  INCIDENT_MANAGERS,
  INCIDENT_PATHS,
  INCIDENT_READERS,
  IncidentActed,
  IncidentCloseRequest,
  IncidentConfirmRequest,
  IncidentDetail,
  IncidentIdParams,
  IncidentLinkRequest,
  IncidentList,
  IncidentListQuery,
  IncidentMergeRequest,
  IncidentNearQuery,
  IncidentSplitRequest,
} from '../../shared/incidents';
import { BacklogResponse, WorkListHttpQuery, WorkListParams, WorkListResponse } from '../worklists/schemas';

/** 'pbx': only the PBX's bearer token (PBX_TOKEN or .data/pbx-token), never a user's sign-in. */
export type Access = 'public' | 'pbx' | readonly Role[];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
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
  /** Headers the route reads besides the bearer token (documented, checked by the route). */
  headers?: z.ZodType;
  response?: z.ZodType;
  /** Answers the route gives besides 200, 400, 401 and 403, for the OpenAPI document. */
  answers?: Readonly<Record<number, string>>;
}

/** What a change to an appeal may answer besides 200 (the body is ApiError, `code` the refusal). */
const CHANGE_ANSWERS = {
  403: 'The role may not take this step (forbidden), or the appeal moved to another organisation meanwhile (wrong_organisation)',
  404: 'No such appeal, or it is another organisation’s (its existence is not disclosed)',
  409: 'Refused in the appeal’s current state: stale_version (changed since baseVersion), not_allowed_now, same_executor, closed, already_assigned',
  422: 'Well-formed but not acceptable: reason_required, deadline_out_of_range, too_many_phones, unknown_reference (no such executor), or idempotency_key_reused (the key came with another request)',
} as const;

/** What an incident's change may answer besides 200 (src/shared/incidents INCIDENT_ERROR_CODES). */
const INCIDENT_ANSWERS = {
  404: 'No such incident (or, for a link, no such appeal on the server yet)',
  409: 'stale_version (another lead acted first), incident_closed, already_linked, not_in_incident, split_all, same_incident, group_mismatch, appeal_refused',
} as const;

/** Sign-in, refresh, pull and the like: a few hundred bytes in practice. */
const SMALL_BODY = 8 * 1024;

export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(512).optional() }).strict();
export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('ok') });

const everyone = roles;
/**
 * Every role reads appeals; an executor account only its organisation's (another's is answered as
 * missing, by the route). The history is read by everyone who may read the appeal: the operator
 * who corrects it and the executor who works it see who changed what.
 */
const appealReaders: readonly Role[] = roles;
const historyReaders: readonly Role[] = roles;
/** The work lists: every role has its own (WORK_LISTS_OF), which the route checks. */
const workListReaders: readonly Role[] = roles;
/** The backlog by executor: those who control deadlines. */
const backlogReaders: readonly Role[] = ['analyst', 'team_lead', 'admin'];
/**
 * A device pushes and pulls for its signed-in user. Every role may: who may make which change is
 * decided per mutation (MUTATION_ROLES), so a change refused for the role is rejected with that
 * reason and shown as such, never left waiting behind an HTTP 403.
 */
const syncRoles: readonly Role[] = roles;
/**
 * Those with a softphone: the agents who take hotline calls, and the feedback operators who call
 * citizens back (the PBX routes hotline calls to agents only: AGENT_ROLES in agents/snapshots.ts).
 */
const softphoneRoles: readonly Role[] = ['operator', 'team_lead', 'feedback'];
const agentWatchers: readonly Role[] = ['team_lead', 'admin'];
const agentReporters: readonly Role[] = ['team_lead', 'analyst', 'admin'];
/** The call queue now: the leads who run the floor and the analysts who report on it. */
const queueWatchers: readonly Role[] = ['team_lead', 'analyst', 'admin'];
/** The center's figures by interval: those who watch the floor and those who report on it. */
const metricsReaders: readonly Role[] = ['team_lead', 'admin', 'analyst'];

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
    answers: { 404: 'No such appeal, or it is another organisation’s (its existence is not disclosed)' },
  },
  {
    method: 'GET',
    url: '/api/v1/appeals/:id/history',
    access: historyReaders,
    summary: 'Every recorded change of an appeal: who (name, role), when, what, from which workstation',
    params: AppealIdParams,
    response: AppealHistoryResponse,
    answers: { 404: 'No such appeal, or it is another organisation’s (its existence is not disclosed)' },
  },
  {
    method: 'POST',
    url: '/api/v1/appeals/:id/transitions',
    bodyLimit: SMALL_BODY,
    access: MUTATION_ROLES['appeal.transition'],
    summary:
      'Take one lifecycle step (assign, start, answer, control check, callback, extension) on the version seen; ' +
      '409 with the refusal code when not allowed now or stale, 403 for another organisation; ' +
      'an Idempotency-Key (UUID) makes a retry apply once',
    params: AppealIdParams,
    headers: IdempotencyHeaders,
    body: TransitionRequest,
    response: ChangeResponse,
    answers: CHANGE_ANSWERS,
  },
  {
    method: 'POST',
    url: '/api/v1/appeals/:id/amendments',
    bodyLimit: SMALL_BODY,
    access: MUTATION_ROLES['appeal.amend'],
    summary:
      'Correct (before assignment) or supplement an appeal, or add a phone, on the version seen; ' +
      '409 with the refusal code when refused or stale; an Idempotency-Key (UUID) makes a retry apply once',
    params: AppealIdParams,
    headers: IdempotencyHeaders,
    body: AmendmentRequest,
    response: ChangeResponse,
    answers: CHANGE_ANSWERS,
  },
  {
    method: 'GET',
    url: '/api/v1/worklists/:list',
    access: workListReaders,
    summary:
      'A work list of the signed-in role (WORK_LISTS_OF): benefit holders first, then the nearest deadline, ' +
      'then the oldest (my_recent: newest first); keyset paging; the total of the list; 403 for a list ' +
      'that is not the role’s',
    params: WorkListParams,
    query: WorkListHttpQuery,
    response: WorkListResponse,
  },
  {
    method: 'GET',
    url: '/api/v1/backlog',
    access: backlogReaders,
    summary:
      'Open appeals by executor with those due soon (deadline within DUE_SOON_DAYS days) and overdue, ' +
      'counted from the center’s calendar day',
    response: BacklogResponse,
  },
  {
    method: 'GET',
    url: '/api/v1/executors',
    access: everyone,
    summary: 'The executor directory with the contacts the center keeps (overlaid on the shipped reference)',
    response: ExecutorListResponse,
  },
  {
    method: 'PUT',
    url: '/api/v1/executors/:id/contacts',
    bodyLimit: SMALL_BODY,
    access: ['admin'],
    summary: 'Set an executor’s phone, address and hours (admins; audited); kept over the shipped reference',
    params: ExecutorIdParams,
    body: ContactsBody,
    response: ExecutorRecord,
    answers: { 404: 'No executor with this id' },
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
    access: softphoneRoles,
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
    method: 'POST',
    url: AGENT_PATHS.override,
    bodyLimit: SMALL_BODY,
    access: agentWatchers,
    summary:
      'A team lead sets an agent’s state (available, a break, offline) with a reason: written to the history ' +
      'and the audit log, told to the agent’s workstation (live agent.set); answers the new snapshot',
    params: AgentIdParams,
    body: AgentOverrideInput,
    response: AgentSnapshot,
    answers: {
      404: 'No enabled operator or team lead with this id',
      409: 'call_in_progress: the agent is ringing or on a call, which is never broken',
    },
  },
  {
    method: 'GET',
    url: METRICS_PATHS.metrics,
    access: metricsReaders,
    summary:
      'The center’s figures for a day in its time zone by 15, 30 or 60 minutes: calls offered, answered, ' +
      'abandoned, service level, ASA, AHT, occupancy; per operator; appeals by category group vs a week before',
    query: MetricsQuery,
    response: DayMetrics,
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
      'PBX: which operator takes a hotline call (text/plain). With boot, ctl, tindex and tlabel the caller ' +
      'is queued: 200 the reserved operator, 202 its position (suspend until pushed), 410 give up; ' +
      'without them (an older PBX) the longest-idle operator at once or 486',
    query: PbxQueueRouteQuery,
    answers: {
      202: 'Queued: the body is the caller’s position (1 = next); the PBX suspends it until pushed',
      410: 'Give up: the body is timed_out, full or no_operator (recorded as timed out or failed)',
      486: 'No operator available (only without the queue fields)',
    },
  },
  {
    method: 'GET',
    url: QUEUE_PATHS.pbxEvent,
    access: 'pbx',
    summary:
      'PBX: how a queued caller left (answered, abandoned, timed_out) or that the PBX started (boot: ' +
      'callers of another boot are closed as lost); 204 for every well-formed event, idempotent',
    query: PbxQueueEventQuery,
    answers: { 204: 'Recorded (or nothing to change)' },
  },
  {
    method: 'GET',
    url: METRICS_PATHS.now,
    access: queueWatchers,
    summary:
      'The call queue now: callers in the order they will be served with their positions, the longest ' +
      'wait, and today’s figures (src/shared/queue/metrics.ts)',
    response: QueueSnapshot,
  },
  ...incidentRoutes(),
];

/** Mass incidents (src/shared/incidents): operators read and link, team leads and admins manage. */
function incidentRoutes(): RouteSpec[] {
  const action = (url: string, summary: string, body: z.ZodType): RouteSpec => ({
    method: 'POST',
    url,
    access: INCIDENT_MANAGERS,
    bodyLimit: SMALL_BODY * 8,
    summary,
    params: IncidentIdParams,
    body,
    response: IncidentActed,
    answers: INCIDENT_ANSWERS,
  });
  return [
    {
      method: 'GET',
      url: INCIDENT_PATHS.list,
      access: INCIDENT_READERS,
      summary: 'Mass incidents: the open ones (or the closed, newest first)',
      query: IncidentListQuery,
      response: IncidentList,
    },
    {
      method: 'GET',
      url: INCIDENT_PATHS.near,
      access: INCIDENT_READERS,
      summary: 'Open incidents at a building (and within their radius of lat/lon): the screen pop’s hint',
      query: IncidentNearQuery,
      response: IncidentList,
    },
    {
      method: 'GET',
      url: INCIDENT_PATHS.one,
      access: INCIDENT_READERS,
      summary: 'One incident with its appeals (numbers, statuses, no personal data)',
      params: IncidentIdParams,
      response: IncidentDetail,
      answers: { 404: 'No such incident' },
    },
    {
      method: 'POST',
      url: INCIDENT_PATHS.links,
      access: INCIDENT_LINKERS,
      bodyLimit: SMALL_BODY,
      summary: 'Link an appeal to an open incident (idempotent)',
      params: IncidentIdParams,
      body: IncidentLinkRequest,
      response: IncidentActed,
      answers: INCIDENT_ANSWERS,
    },
    action(
      INCIDENT_PATHS.confirm,
      'Team lead: the incident is real (optionally with the script operators read)',
      IncidentConfirmRequest,
    ),
    action(
      INCIDENT_PATHS.merge,
      'Team lead: this incident’s appeals join another; this one closes as merged',
      IncidentMergeRequest,
    ),
    action(
      INCIDENT_PATHS.split,
      'Team lead: these appeals leave into a new incident of their own',
      IncidentSplitRequest,
    ),
    action(
      INCIDENT_PATHS.close,
      'Team lead: resolve the incident; each linked appeal moves on to its own callback, in one transaction',
      IncidentCloseRequest,
    ),
  ];
}

export function findRoute(method: string, url: string): RouteSpec | undefined {
  return routeTable.find((r) => r.method === method && r.url === url);
}
