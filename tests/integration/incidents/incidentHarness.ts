// For the incidents' integration tests: the real server on an embedded PostgreSQL, desks that
// register appeals through sync as a workstation does, and helpers to read incidents as the
// workstation would.
import type { FastifyInstance } from 'fastify';
import type { Address } from '../../../src/shared/domain/appeal';
import {
  INCIDENT_PATHS,
  incidentPath,
  IncidentDetail,
  IncidentList,
  type Incident,
} from '../../../src/shared/incidents';
import type { Role } from '../../../src/shared/sync/auth';
import type { Pool } from '../../../src/server/db/pool';
import { insertIncident, linkAppeals, refreshTotals } from '../../../src/server/incidents/store';
import { openDesk, pushOne, registration, type Desk } from '../server/serverLifecycleSupport';
import { bearer, login } from '../server/serverHarness';

/** Two question types of one group (lifts) and one of another (individual construction). */
export const LIFTS = { id: 't-cfc53634', executorId: 'e-c042331b', group: 'g-housing-lifts' } as const;
export const LIFTS_TOO = { id: 't-cfc53634', executorId: 'e-c042331b' } as const;
export const CONSTRUCTION = {
  id: 't-f4457149',
  executorId: 'e-a1536e79',
  group: 'g-land-construction',
} as const;

export const RULES = { minAppeals: 3, windowMinutes: 120, radiusMeters: 150, scanMs: 100 } as const;

export function address(street: string, building: string): Address {
  return { city: 'Київ', district: '', street, building, flat: '1' };
}

/** Registers an appeal at `at` through sync; returns its id. */
export async function registerAt(
  app: FastifyInstance,
  desk: Desk,
  at: Address,
  category: { id: string; executorId: string } = LIFTS,
  createdAt = new Date().toISOString(),
): Promise<string> {
  const m = registration(desk, {
    categoryId: category.id,
    executorId: category.executorId,
    createdAt,
    applicant: {
      fullName: 'Тестовий Заявник',
      phones: ['+380671234567'],
      address: at,
      email: '',
      iin: '',
    },
  });
  const result = await pushOne(app, desk, m);
  if (result.status !== 'applied') throw new Error(`register: ${JSON.stringify(result)}`);
  return m.entityId;
}

export async function tokenOf(app: FastifyInstance, role: Role): Promise<string> {
  return (await login(app, role)).accessToken;
}

export async function near(app: FastifyInstance, token: string, at: Address): Promise<Incident[]> {
  const query = new URLSearchParams({ city: at.city, street: at.street, building: at.building });
  const res = await app.inject({
    method: 'GET',
    url: `${INCIDENT_PATHS.near}?${query}`,
    headers: bearer(token),
  });
  if (res.statusCode !== 200) throw new Error(`near: ${res.statusCode} ${res.body}`);
  return IncidentList.parse(res.json()).incidents;
}

export async function detail(app: FastifyInstance, token: string, id: string): Promise<IncidentDetail> {
  const res = await app.inject({
    method: 'GET',
    url: incidentPath(INCIDENT_PATHS.one, id),
    headers: bearer(token),
  });
  if (res.statusCode !== 200) throw new Error(`detail: ${res.statusCode} ${res.body}`);
  return IncidentDetail.parse(res.json());
}

export function act(app: FastifyInstance, token: string, path: string, id: string, payload: object) {
  return app.inject({ method: 'POST', url: incidentPath(path, id), headers: bearer(token), payload });
}

/** Waits until the detector has examined every queued appeal (the server's own scan does it). */
export async function detectorIdle(pool: Pool, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM incident_pending');
    if (rows[0]!.n === '0') {
      // The scan deletes its rows and decides in one transaction: empty means decided and committed.
      return;
    }
    if (Date.now() > until) throw new Error('the detector did not work off its queue');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { openDesk, type Desk };

/** An incident made directly in the tables (for tests about the routes rather than the detector). */
export async function insertTestIncident(
  pool: Pool,
  appealIds: readonly string[] = [],
  groupId: string = LIFTS.group,
): Promise<string> {
  const id = await insertIncident(pool, {
    groupId,
    placeKey: `київ|тестова|${Math.random().toString(36).slice(2, 8)}`,
    placeLine: 'Київ, Тестова 1',
    lat: null,
    lon: null,
    radiusMeters: null,
    script: 'Відомо про проблему.',
  });
  await linkAppeals(pool, id, appealIds, 'detector', null);
  await refreshTotals(pool, [id]);
  return id;
}
