// The one place that knows the server's incident routes and shapes (src/shared/incidents) and turns
// them into the views the renderer gets (src/shared/ipc/incidents.ts). Each parse returns null for
// an answer of an unknown shape, which the service treats as the server failing.
import type { z } from 'zod';
import {
  INCIDENT_PATHS,
  IncidentActed as ServerActed,
  IncidentDetail as ServerDetail,
  IncidentList,
  incidentPath,
  type Incident,
} from '../../shared/incidents';
import type {
  IncidentActed,
  IncidentActInput,
  IncidentDetail,
  IncidentView,
} from '../../shared/ipc/incidents';
import { assertNever } from '../../shared/result';
import type { HttpOutcome } from '../core/http';
import type { PendingLink } from './pendingLinks';

export function viewOf(incident: Incident): IncidentView {
  return {
    id: incident.id,
    stage: incident.state,
    categoryGroupId: incident.categoryGroupId,
    place: incident.place.line,
    since: incident.firstAt,
    lastAt: incident.lastAt,
    appealCount: incident.appealCount,
    version: incident.version,
    script: incident.script.trim() === '' ? null : incident.script,
    closedAs: incident.closedAs,
  };
}

const parseWith =
  <S extends z.ZodType, T>(schema: S, map: (value: z.output<S>) => T) =>
  (body: unknown): T | null => {
    const parsed = schema.safeParse(body);
    return parsed.success ? map(parsed.data) : null;
  };

type Post = { method: 'POST'; path: string; body: unknown };

export const INCIDENT_WIRE = {
  openPath: () => `${INCIDENT_PATHS.list}?state=open&limit=500`,
  nearPath(
    input: { address: { city: string; street: string; building: string } },
    categoryId: string | null,
  ) {
    const q = new URLSearchParams({ ...input.address });
    if (categoryId) q.set('categoryId', categoryId);
    return `${INCIDENT_PATHS.near}?${q.toString()}`;
  },
  detailPath: (id: string) => incidentPath(INCIDENT_PATHS.one, id),
  link: (link: PendingLink): Post => ({
    method: 'POST',
    path: incidentPath(INCIDENT_PATHS.links, link.incidentId),
    body: { appealId: link.appealId },
  }),
  act(input: IncidentActInput): Post {
    const { id, baseVersion, action } = input;
    switch (action.kind) {
      case 'confirm':
        return {
          method: 'POST',
          path: incidentPath(INCIDENT_PATHS.confirm, id),
          body: { baseVersion, ...(action.script ? { script: action.script } : {}) },
        };
      case 'merge':
        return {
          method: 'POST',
          path: incidentPath(INCIDENT_PATHS.merge, id),
          body: { baseVersion, intoId: action.intoId, intoVersion: action.intoVersion },
        };
      case 'split':
        return {
          method: 'POST',
          path: incidentPath(INCIDENT_PATHS.split, id),
          body: { baseVersion, appealIds: action.appealIds },
        };
      case 'close':
        return {
          method: 'POST',
          path: incidentPath(INCIDENT_PATHS.close, id),
          body: { baseVersion, result: action.result ?? 'done', answer: action.answer },
        };
      default:
        return assertNever(action, 'incident action');
    }
  },
  /**
   * A link's 404 is the appeal not on the server yet (its push follows); the incident itself gone
   * is a 409 `incident_closed` (merged or closed), which is final.
   */
  appealNotThereYet: (outcome: Extract<HttpOutcome, { kind: 'client_error' }>) => outcome.status === 404,
  parseList: parseWith(IncidentList, (list) => list.incidents.map(viewOf)),
  parseDetail: parseWith(ServerDetail, (d): IncidentDetail => ({
    ...viewOf(d),
    appeals: d.appeals.map((a) => ({
      id: a.appealId,
      number: a.officialNumber,
      status: a.status,
      createdAt: a.createdAt,
      linkedBy: a.linkedBy,
    })),
  })),
  parseActed: parseWith(ServerActed, (a): IncidentActed => ({
    incident: viewOf(a.incident),
    other: a.other ? viewOf(a.other) : null,
    closed: a.appeals
      ? {
          moved: a.appeals.filter((x) => x.moved).length,
          left: a.appeals.filter((x) => !x.moved).length,
        }
      : null,
  })),
};
