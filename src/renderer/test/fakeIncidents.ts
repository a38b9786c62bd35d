// Main's side of the incident channels for UI tests and the harness (issue 14, part 3): open
// incidents near a building (by building key and category group, as the server matches), the lead's
// list, detail and actions with the version check (a stale version is the 409 another lead causes),
// and links queued while "offline"; plus a small incident factory.
import { buildingKey } from '../../shared/domain';
import type { IncidentAppeal, IncidentDetail, IncidentView } from '../../shared/ipc/incidents';
import { fail, ok } from '../../shared/result';
import type { FakeHandlers } from './fakeApi';

export interface FakeIncident {
  incident: IncidentView;
  /** The building it sits at (what `incidents:near` matches). */
  building: { city: string; street: string; building: string };
  appeals: IncidentAppeal[];
}

export interface FakeIncidentsOptions {
  incidents?: FakeIncident[];
  /** Group of each question type id (the classifier's), to match a chosen category. */
  groupOf?: (categoryId: string) => string | null;
  /** The server cannot be reached: hints are empty, links queue, actions are refused. */
  offline?: boolean;
  live?: boolean;
}

export interface FakeIncidents {
  handlers: Pick<
    FakeHandlers,
    'incidents:near' | 'incidents:open' | 'incidents:get' | 'incidents:link' | 'incidents:act'
  >;
  all: () => FakeIncident[];
  links: { incidentId: string; appealId: string }[];
  /** Another lead (or the detector) changed it: its version moves on, announced as main would. */
  changeElsewhere(id: string, patch: Partial<IncidentView>, announce?: boolean): void;
  setOffline(offline: boolean): void;
}

export function incidentView(patch: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'inc-1',
    stage: 'forming',
    categoryGroupId: 'g-water',
    place: 'Київ, вул. Хрещатик 22',
    since: '2026-11-23T08:05:00.000Z',
    lastAt: '2026-11-23T09:40:00.000Z',
    appealCount: 7,
    version: 1,
    script: null,
    closedAs: null,
    ...patch,
  };
}

const OFFLINE = 'The server cannot be reached: incidents are acted on online only';

export function fakeIncidentsHandlers(
  options: FakeIncidentsOptions,
  emit: (event: string, payload: unknown) => void,
): FakeIncidents {
  const store = new Map((options.incidents ?? []).map((f) => [f.incident.id, structuredClone(f)]));
  let offline = options.offline ?? false;
  const links: FakeIncidents['links'] = [];
  let splitSeq = 0;
  const announce = (incident: IncidentView, isNew = false) =>
    queueMicrotask(() => emit('incidents:changed', { kind: 'incident', incident, isNew }));
  const open = () => [...store.values()].filter((f) => f.incident.stage !== 'closed');
  const bump = (f: FakeIncident, patch: Partial<IncidentView>) => {
    f.incident = { ...f.incident, ...patch, version: f.incident.version + 1 };
    return f.incident;
  };

  const handlers: FakeIncidents['handlers'] = {
    'incidents:near': ({ address, categoryId }) => {
      if (offline) return ok({ incidents: [], reachable: false });
      const group = categoryId ? (options.groupOf?.(categoryId) ?? null) : null;
      const key = buildingKey(address);
      const found = open()
        .filter((f) => buildingKey(f.building) === key)
        .filter((f) => group === null || f.incident.categoryGroupId === group)
        .map((f) => f.incident);
      return ok({ incidents: found, reachable: true });
    },
    'incidents:open': () => ok({ incidents: open().map((f) => f.incident), live: options.live ?? true }),
    'incidents:get': ({ id }) => {
      if (offline) return fail('conflict', OFFLINE, [{ path: '', code: 'offline', message: OFFLINE }]);
      const f = store.get(id);
      if (!f) return fail('not_found', 'No such incident');
      const detail: IncidentDetail = { ...f.incident, appeals: f.appeals };
      return ok(detail);
    },
    'incidents:link': (link) => {
      links.push(link);
      if (offline) return ok({ state: 'queued' as const });
      const f = store.get(link.incidentId);
      if (!f || f.incident.stage === 'closed')
        return fail('conflict', 'The server refused the link: the incident is closed or merged');
      announce(bump(f, { appealCount: f.incident.appealCount + 1 }));
      return ok({ state: 'linked' as const });
    },
    'incidents:act': ({ id, baseVersion, action }) => {
      if (offline) return fail('conflict', OFFLINE, [{ path: '', code: 'offline', message: OFFLINE }]);
      const f = store.get(id);
      if (!f) return fail('not_found', 'No such incident');
      if (f.incident.version !== baseVersion) {
        const message = `Another team lead changed this incident first (it is now ${f.incident.stage})`;
        return fail('conflict', message, [{ path: '', code: 'stale_version', message }]);
      }
      let other: IncidentView | null = null;
      let closed: { moved: number; left: number } | null = null;
      switch (action.kind) {
        case 'confirm':
          bump(f, { stage: 'confirmed' });
          break;
        case 'close':
          bump(f, { stage: 'closed', closedAs: 'resolved' });
          closed = { moved: f.appeals.length, left: 0 };
          break;
        case 'merge': {
          const into = store.get(action.intoId);
          if (!into) return fail('not_found', 'No such incident to merge into');
          if (into.incident.version !== action.intoVersion) {
            const message = 'The incident to merge into changed meanwhile';
            return fail('conflict', message, [{ path: '', code: 'stale_version', message }]);
          }
          into.appeals.push(...f.appeals);
          other = bump(into, { appealCount: into.appeals.length });
          announce(other);
          bump(f, { stage: 'closed', closedAs: 'merged' });
          break;
        }
        case 'split': {
          const leaving = f.appeals.filter((a) => action.appealIds.includes(a.id));
          f.appeals = f.appeals.filter((a) => !action.appealIds.includes(a.id));
          bump(f, { appealCount: f.appeals.length });
          splitSeq += 1;
          other = {
            ...f.incident,
            id: `${f.incident.id}-s${splitSeq}`,
            appealCount: leaving.length,
            version: 1,
          };
          store.set(other.id, { incident: other, building: f.building, appeals: leaving });
          announce(other, true);
          break;
        }
      }
      announce(f.incident);
      return ok({ incident: f.incident, other, closed });
    },
  };
  return {
    handlers,
    all: () => [...store.values()],
    links,
    changeElsewhere(id, patch, doAnnounce = true) {
      const f = store.get(id);
      if (!f) return;
      bump(f, patch);
      if (doAnnounce) announce(f.incident);
    },
    setOffline(next) {
      offline = next;
    },
  };
}
