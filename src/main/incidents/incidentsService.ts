// Mass incidents on the workstation (issue 14, part 3): the hint an operator gets for a caller's
// place, the one-key link of a new appeal, and a team lead's confirm / merge / split / close, all
// asked of the central server with the signed-in user's session. The operator's hint never gets in
// the way: without a server, signed out, offline or on any failure it is simply "nothing known"
// (`reachable: false`), and registration goes on exactly as without incidents. A lead's action is
// online only and its refusals come back with the server's words (409: another lead acted first).
import type {
  IncidentActed,
  IncidentActInput,
  IncidentDetail,
  IncidentLinkState,
  IncidentsNear,
  OpenIncidents,
} from '../../shared/ipc/incidents';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { Role } from '../../shared/sync/auth';
import { assertNever, fail, ok, type Result } from '../../shared/result';
import type { ServiceContext } from '../core/context';
import type { ServerOutcome } from '../core/serverApi';
import { offlineResult, serverAnswer } from '../core/serverAnswer';
import type { IncidentsHolder } from './incidentsHolder';
import type { LinkAttempt, PendingLink, PendingLinks } from './pendingLinks';
import { INCIDENT_WIRE } from './incidentsWire';
import { INCIDENT_LINKERS, INCIDENT_MANAGERS } from '../../shared/incidents';

/** Who acts on incidents (the server's managers). */
export const INCIDENT_LEAD_ROLES: readonly Role[] = INCIDENT_MANAGERS;

export const INCIDENT_MESSAGES = {
  noServer: 'Incidents are kept on the central server, and none is configured',
  signedOut: 'Sign in first',
  leadRoles: 'Only team leads and administrators act on incidents',
  linkRoles: 'This role may not link appeals to incidents',
  offline: 'The server cannot be reached: incidents are acted on online only',
  sessionEnded: 'The session ended: sign in again',
} as const;

const NOTHING_KNOWN: IncidentsNear = { incidents: [], reachable: false };

function allowed(ctx: ServiceContext, roles: readonly Role[], refusal: string): Result<true> {
  const who = ctx.signer();
  switch (who.kind) {
    case 'no_server':
      return fail('forbidden', INCIDENT_MESSAGES.noServer);
    case 'signed_out':
      return fail('unauthorized', INCIDENT_MESSAGES.signedOut);
    case 'signed_in':
      return roles.includes(who.user.role) ? ok(true) : fail('forbidden', refusal);
    default:
      return assertNever(who, 'signer');
  }
}

const offline = (): Result<never> => offlineResult(INCIDENT_MESSAGES.offline);

/** Open incidents at or near the caller's building: a hint, so every failure is "nothing known". */
export async function incidentsNear(
  ctx: ServiceContext,
  input: ParsedInput<'incidents:near'>,
): Promise<Result<IncidentsNear>> {
  if (ctx.server === null || ctx.signer().kind !== 'signed_in' || !ctx.server.online())
    return ok(NOTHING_KNOWN);
  const groupId = input.categoryId
    ? (ctx.reference.classifier.types.find((t) => t.id === input.categoryId)?.groupId ?? null)
    : null;
  const outcome = await ctx.server.request('GET', INCIDENT_WIRE.nearPath(input, input.categoryId));
  if (outcome.kind !== 'ok') return ok(NOTHING_KNOWN);
  const incidents = INCIDENT_WIRE.parseList(outcome.body);
  if (incidents === null) return ok(NOTHING_KNOWN);
  // The group decides when the operator has chosen a category: a burst pipe is not a broken lift.
  const matching = groupId ? incidents.filter((i) => i.categoryGroupId === groupId) : incidents;
  return ok({ incidents: matching.filter((i) => i.stage !== 'closed'), reachable: true });
}

/** The server's open incidents, into the holder (after every welcome of the live channel). */
export async function refreshOpenIncidents(ctx: ServiceContext, holder: IncidentsHolder): Promise<boolean> {
  if (ctx.server === null || ctx.signer().kind !== 'signed_in') return false;
  const outcome = await ctx.server.request('GET', INCIDENT_WIRE.openPath());
  if (outcome.kind !== 'ok') return false;
  const incidents = INCIDENT_WIRE.parseList(outcome.body);
  if (incidents === null) return false;
  holder.replace(incidents);
  return true;
}

/** Every open incident, for the lead's cockpit: as held, read from the server first if not live. */
export async function openIncidents(
  ctx: ServiceContext,
  holder: IncidentsHolder,
): Promise<Result<OpenIncidents>> {
  const may = allowed(ctx, INCIDENT_LEAD_ROLES, INCIDENT_MESSAGES.leadRoles);
  if (!may.ok) return may;
  if (!holder.live() && ctx.server?.online()) await refreshOpenIncidents(ctx, holder);
  return ok({ incidents: holder.list(), live: holder.live() });
}

/** One incident with its appeals (the lead chooses which to split off). */
export async function incidentDetail(ctx: ServiceContext, id: string): Promise<Result<IncidentDetail>> {
  const may = allowed(ctx, INCIDENT_LEAD_ROLES, INCIDENT_MESSAGES.leadRoles);
  if (!may.ok) return may;
  if (ctx.server === null) return fail('forbidden', INCIDENT_MESSAGES.noServer);
  if (!ctx.server.online()) return offline();
  const outcome = await ctx.server.request('GET', INCIDENT_WIRE.detailPath(id));
  return answer(outcome, INCIDENT_WIRE.parseDetail, 'the incident');
}

/** A lead's confirm, merge, split or close, with the version on the lead's screen. */
export async function actOnIncident(
  ctx: ServiceContext,
  holder: IncidentsHolder,
  input: IncidentActInput,
): Promise<Result<IncidentActed>> {
  const may = allowed(ctx, INCIDENT_LEAD_ROLES, INCIDENT_MESSAGES.leadRoles);
  if (!may.ok) return may;
  if (ctx.server === null) return fail('forbidden', INCIDENT_MESSAGES.noServer);
  if (!ctx.server.online()) return offline();
  const { method, path, body } = INCIDENT_WIRE.act(input);
  const outcome = await ctx.server.request(method, path, body);
  const acted = answer(outcome, INCIDENT_WIRE.parseActed, 'the incident');
  if (acted.ok) {
    // The lead's own screen and every other lead's hear of it the same way.
    holder.upsert(acted.value.incident);
    if (acted.value.other) holder.upsert(acted.value.other);
  }
  return acted;
}

/** The one-key link from the intake form: linked now, or queued until the appeal is on the server. */
export async function linkAppeal(
  ctx: ServiceContext,
  links: PendingLinks,
  input: PendingLink,
): Promise<Result<IncidentLinkState>> {
  const may = allowed(ctx, INCIDENT_LINKERS, INCIDENT_MESSAGES.linkRoles);
  if (!may.ok) return may;
  const state = await links.add(input);
  if (state === 'refused')
    return fail(
      'conflict',
      'The server refused the link: the incident is closed, or the appeal is in another one',
    );
  return ok({ state });
}

/** One try of a waiting link (pendingLinks.ts decides when). */
export async function attemptLink(ctx: ServiceContext, link: PendingLink): Promise<LinkAttempt> {
  if (ctx.server === null || ctx.signer().kind !== 'signed_in') return 'retry';
  const { method, path, body } = INCIDENT_WIRE.link(link);
  const outcome = await ctx.server.request(method, path, body);
  switch (outcome.kind) {
    case 'ok':
      return 'linked';
    case 'unreachable':
    case 'signed_out':
      return 'retry';
    case 'client_error':
      // 404 names the appeal the server does not hold yet (the push follows), or a gone incident.
      if (outcome.status === 404 && INCIDENT_WIRE.appealNotThereYet(outcome)) return 'retry';
      return outcome.status === 401 ? 'retry' : 'refused';
    default:
      return assertNever(outcome, 'server outcome');
  }
}

/** The server's outcome in the incidents' words (core/serverAnswer.ts). */
const answer = <T>(outcome: ServerOutcome, parse: (body: unknown) => T | null, what: string): Result<T> =>
  serverAnswer(outcome, parse, {
    what,
    offline: INCIDENT_MESSAGES.offline,
    sessionEnded: INCIDENT_MESSAGES.sessionEnded,
  });
