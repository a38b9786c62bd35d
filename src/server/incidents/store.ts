// The incidents' statements: reading, locking, writing an incident and its links. Plain functions
// over a Queryable; the callers hold the transaction.
import { randomUUID } from 'node:crypto';
import type {
  Incident,
  IncidentAppeal,
  IncidentChangeKind,
  IncidentLinkSource,
} from '../../shared/incidents';
import type { Queryable } from '../db/pool';

/** NOTIFYed in the transaction of every change: `{ "id", "change" }`; live/hub.ts delivers it. */
export const INCIDENT_CHANNEL = 'incident_changed';

interface IncidentRow {
  id: string;
  state: Incident['state'];
  closed_as: Incident['closedAs'];
  merged_into: string | null;
  category_group_id: string;
  place_key: string;
  place_line: string;
  lat: number | null;
  lon: number | null;
  radius_meters: number | null;
  appeal_count: number;
  first_at: Date;
  last_at: Date;
  script: string;
  version: number;
  detected_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const INCIDENT_COLUMNS = `id::text, state, closed_as, merged_into::text, category_group_id, place_key,
  place_line, lat, lon, radius_meters, appeal_count, first_at, last_at, script, version, detected_at,
  confirmed_by::text, confirmed_at, closed_by::text, closed_at`;

export function incidentFromRow(r: IncidentRow): Incident {
  return {
    id: r.id,
    state: r.state,
    closedAs: r.closed_as,
    mergedInto: r.merged_into,
    categoryGroupId: r.category_group_id,
    place: { key: r.place_key, line: r.place_line, lat: r.lat, lon: r.lon },
    radiusMeters: r.radius_meters,
    appealCount: r.appeal_count,
    firstAt: r.first_at.toISOString(),
    lastAt: r.last_at.toISOString(),
    script: r.script,
    version: r.version,
    detectedAt: r.detected_at.toISOString(),
    confirmedBy: r.confirmed_by,
    confirmedAt: iso(r.confirmed_at),
    closedBy: r.closed_by,
    closedAt: iso(r.closed_at),
  };
}

export async function readIncident(db: Queryable, id: string, lock = false): Promise<Incident | null> {
  const { rows } = await db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? incidentFromRow(rows[0]) : null;
}

export async function listIncidents(
  db: Queryable,
  state: 'open' | 'closed',
  limit: number,
): Promise<Incident[]> {
  // Each form implies its partial index's predicate (incidents_open, incidents_closed).
  const sql =
    state === 'open'
      ? `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE state <> 'closed' ORDER BY last_at DESC, id LIMIT $1`
      : `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE state = 'closed' ORDER BY closed_at DESC, id LIMIT $1`;
  const { rows } = await db.query<IncidentRow>(sql, [limit]);
  return rows.map(incidentFromRow);
}

/**
 * An open incident is at a building when it was found there or holds an appeal from there (after a
 * merge, the target holds the merged one's appeals and their building): `$1` is the building key.
 */
export const AT_BUILDING = `(place_key = $1 OR id IN (
  SELECT l.incident_id FROM appeals a JOIN incident_appeals l ON l.appeal_id = a.id WHERE a.building_key = $1))`;

/** Open incidents at one place (optionally of one group), for the screen pop. */
export async function openIncidentsAt(
  db: Queryable,
  placeKey: string,
  groupId: string | null,
): Promise<Incident[]> {
  const { rows } = await db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incidents
      WHERE ${AT_BUILDING} AND ($2::text IS NULL OR category_group_id = $2) AND state <> 'closed'
      ORDER BY last_at DESC, id`,
    [placeKey, groupId],
  );
  return rows.map(incidentFromRow);
}

/**
 * Open incidents found by coordinates within `radiusMeters` of a point (a bounding box first; open
 * incidents are few, the exact distance is decided by the caller).
 */
export async function openIncidentsAround(
  db: Queryable,
  lat: number,
  lon: number,
  radiusMeters: number,
): Promise<Incident[]> {
  const dLat = radiusMeters / 111_320;
  const dLon = radiusMeters / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const { rows } = await db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incidents
      WHERE state <> 'closed' AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4
      ORDER BY last_at DESC, id`,
    [lat - dLat, lat + dLat, lon - dLon, lon + dLon],
  );
  return rows.map(incidentFromRow);
}

export async function incidentAppeals(db: Queryable, id: string): Promise<IncidentAppeal[]> {
  const { rows } = await db.query<{
    appeal_id: string;
    official_number: string | null;
    status: string;
    category_id: string;
    created_at: Date;
    linked_at: Date;
    linked_by: IncidentLinkSource;
  }>(
    `SELECT l.appeal_id::text, a.official_number, a.status, a.category_id, a.created_at, l.linked_at, l.linked_by
       FROM incident_appeals l JOIN appeals a ON a.id = l.appeal_id
      WHERE l.incident_id = $1 ORDER BY a.created_at, a.id`,
    [id],
  );
  return rows.map((r) => ({
    appealId: r.appeal_id,
    officialNumber: r.official_number,
    status: r.status,
    categoryId: r.category_id,
    createdAt: r.created_at.toISOString(),
    linkedAt: r.linked_at.toISOString(),
    linkedBy: r.linked_by,
  }));
}

export interface NewIncident {
  groupId: string;
  placeKey: string;
  placeLine: string;
  lat: number | null;
  lon: number | null;
  radiusMeters: number | null;
  script: string;
}

export async function insertIncident(db: Queryable, fields: NewIncident): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO incidents (id, state, category_group_id, place_key, place_line, lat, lon, radius_meters,
       first_at, last_at, script)
     VALUES ($1, 'forming', $2, $3, $4, $5, $6, $7, now(), now(), $8)`,
    [
      id,
      fields.groupId,
      fields.placeKey,
      fields.placeLine,
      fields.lat,
      fields.lon,
      fields.radiusMeters,
      fields.script,
    ],
  );
  return id;
}

/** Links appeals not in any incident yet; returns the ids linked now. */
export async function linkAppeals(
  db: Queryable,
  incidentId: string,
  appealIds: readonly string[],
  by: IncidentLinkSource,
  userId: string | null,
): Promise<string[]> {
  if (appealIds.length === 0) return [];
  const { rows } = await db.query<{ appeal_id: string }>(
    `INSERT INTO incident_appeals (appeal_id, incident_id, linked_by, linked_user)
     SELECT unnest($1::uuid[]), $2, $3, $4
     ON CONFLICT (appeal_id) DO NOTHING RETURNING appeal_id::text`,
    [appealIds, incidentId, by, userId],
  );
  return rows.map((r) => r.appeal_id);
}

/** The count and the span from the links themselves: one truth, whoever linked or moved them. */
export async function refreshTotals(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE incidents i SET appeal_count = t.n, first_at = coalesce(t.first_at, i.first_at),
            last_at = coalesce(t.last_at, i.last_at), updated_at = now()
       FROM (SELECT x.id, count(a.id)::int AS n, min(a.created_at) AS first_at, max(a.created_at) AS last_at
               FROM unnest($1::uuid[]) AS x(id)
               LEFT JOIN incident_appeals l ON l.incident_id = x.id
               LEFT JOIN appeals a ON a.id = l.appeal_id
              GROUP BY x.id) t
      WHERE i.id = t.id`,
    [ids],
  );
}

/** Tells every instance's live hub, when the transaction commits. */
export async function notifyIncident(db: Queryable, id: string, change: IncidentChangeKind): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [INCIDENT_CHANNEL, JSON.stringify({ id, change })]);
}
