// The incidents' HTTP routes (src/shared/incidents INCIDENT_PATHS). Roles come from the route table
// (readers, linkers, managers); every change runs in one transaction, retried on a deadlock.
import type { FastifyInstance } from 'fastify';
import { buildingKey } from '../../shared/domain/appeal';
import {
  distanceMeters,
  INCIDENT_PATHS,
  IncidentCloseRequest,
  IncidentConfirmRequest,
  IncidentIdParams,
  IncidentLinkRequest,
  IncidentListQuery,
  IncidentMergeRequest,
  IncidentNearQuery,
  IncidentSplitRequest,
  type Incident,
  type IncidentDetail,
  type IncidentList,
} from '../../shared/incidents';
import type { AppContext } from '../context';
import { HttpError, notFound } from '../errors';
import { appealPolicy } from '../sync/serverOwned';
import { withRetriedTransaction } from '../sync/transaction';
import {
  closeIncident,
  confirmIncident,
  linkAppeal,
  mergeIncident,
  splitIncident,
  type IncidentActor,
} from './actions';
import { incidentAppeals, listIncidents, openIncidentsAround, openIncidentsAt, readIncident } from './store';

/**
 * The query string must decode as UTF-8: Fastify leaves a value it cannot decode as its raw
 * percent-escapes, which would then pass for an (odd) street name instead of being refused.
 */
function decodableQuery(url: string | undefined): void {
  const at = (url ?? '').indexOf('?');
  if (at < 0) return;
  try {
    decodeURIComponent((url ?? '').slice(at + 1).replace(/\+/g, ' '));
  } catch {
    throw new HttpError(400, 'invalid_input', 'The query string is not valid percent-encoded UTF-8');
  }
}

export function incidentRoutes(app: FastifyInstance, { pool, config }: AppContext): void {
  const policy = appealPolicy(config.appeals);
  const radius = config.incidents.radiusMeters;
  const actor = (user: { id: string; role: IncidentActor['role'] }): IncidentActor => ({
    userId: user.id,
    role: user.role,
  });

  app.get(INCIDENT_PATHS.list, async (request): Promise<IncidentList> => {
    decodableQuery(request.raw.url);
    const query = IncidentListQuery.parse(request.query);
    return { incidents: await listIncidents(pool, query.state, query.limit) };
  });

  app.get(INCIDENT_PATHS.near, async (request): Promise<IncidentList> => {
    decodableQuery(request.raw.url);
    const q = IncidentNearQuery.parse(request.query);
    let groupId: string | null = null;
    if (q.categoryId) {
      const { rows } = await pool.query<{ group_id: string }>(
        'SELECT group_id FROM categories WHERE id = $1',
        [q.categoryId],
      );
      // An unknown question type narrows nothing: the hint is better shown than lost.
      groupId = rows[0]?.group_id ?? null;
    }
    const atBuilding = await openIncidentsAt(pool, buildingKey(q), groupId);
    const around =
      q.lat !== undefined && q.lon !== undefined
        ? (await openIncidentsAround(pool, q.lat, q.lon, radius)).filter(
            (i) =>
              i.place.lat !== null &&
              i.place.lon !== null &&
              distanceMeters(q.lat!, q.lon!, i.place.lat, i.place.lon) <= (i.radiusMeters ?? radius) &&
              (groupId === null || i.categoryGroupId === groupId),
          )
        : [];
    const seen = new Set<string>();
    const incidents: Incident[] = [];
    for (const i of [...atBuilding, ...around]) if (!seen.has(i.id) && seen.add(i.id)) incidents.push(i);
    return { incidents };
  });

  app.get(INCIDENT_PATHS.one, async (request): Promise<IncidentDetail> => {
    const { id } = IncidentIdParams.parse(request.params);
    const incident = await readIncident(pool, id.toLowerCase());
    if (!incident) throw notFound(`No incident ${id}`);
    return { ...incident, appeals: await incidentAppeals(pool, incident.id) };
  });

  app.post(INCIDENT_PATHS.links, async (request) => {
    const { id } = IncidentIdParams.parse(request.params);
    const body = IncidentLinkRequest.parse(request.body);
    return withRetriedTransaction(pool, (client) =>
      linkAppeal(client, actor(request.user), id, body.appealId),
    );
  });

  app.post(INCIDENT_PATHS.confirm, async (request) => {
    const { id } = IncidentIdParams.parse(request.params);
    const body = IncidentConfirmRequest.parse(request.body);
    return withRetriedTransaction(pool, (client) => confirmIncident(client, actor(request.user), id, body));
  });

  app.post(INCIDENT_PATHS.merge, async (request) => {
    const { id } = IncidentIdParams.parse(request.params);
    const body = IncidentMergeRequest.parse(request.body);
    return withRetriedTransaction(pool, (client) => mergeIncident(client, actor(request.user), id, body));
  });

  app.post(INCIDENT_PATHS.split, async (request) => {
    const { id } = IncidentIdParams.parse(request.params);
    const body = IncidentSplitRequest.parse(request.body);
    return withRetriedTransaction(pool, (client) => splitIncident(client, actor(request.user), id, body));
  });

  app.post(INCIDENT_PATHS.close, async (request) => {
    const { id } = IncidentIdParams.parse(request.params);
    const body = IncidentCloseRequest.parse(request.body);
    return withRetriedTransaction(pool, (client) =>
      closeIncident(client, actor(request.user), id, body, policy),
    );
  });
}
