// The detector's rules, pure: which appeals make one incident. The server runs them on each new
// appeal against the neighbours its indexed query found (src/server/incidents/detector.ts); the
// replay (scripts/incidents) runs them against an in-memory index of the same neighbours. One set
// of rules, so the replay's figures are the server's.

/** Thresholds, read by the server from its environment (INCIDENT_CONFIG_NAMES) and by the replay from flags. */
export interface IncidentRules {
  /** Appeals of one group at one place, within the window, that make an incident. */
  minAppeals: number;
  /** How far apart in time the appeals of one incident may be (minutes). */
  windowMinutes: number;
  /** Appeals with coordinates this close (metres) are at one place. */
  radiusMeters: number;
}

export const DEFAULT_INCIDENT_RULES: IncidentRules = { minAppeals: 3, windowMinutes: 120, radiusMeters: 150 };

/** The server's environment variables for the rules (src/server/config.ts). */
export const INCIDENT_CONFIG_NAMES = {
  minAppeals: 'INCIDENT_MIN_APPEALS',
  windowMinutes: 'INCIDENT_WINDOW_MINUTES',
  radiusMeters: 'INCIDENT_RADIUS_METERS',
  /** How often each server instance looks for appeals not yet examined (ms; default 1000). */
  scanMs: 'INCIDENT_SCAN_MS',
} as const;

/** An appeal as the detector sees it: no text, no names, only group, time and place. */
export interface PlacedAppeal {
  id: string;
  groupId: string;
  createdAtMs: number;
  /** The building key (`incidentBuildingKey`), null when the address has no street or building. */
  buildingKey: string | null;
  lat: number | null;
  lon: number | null;
}

/** An open incident as the detector sees it. */
export interface OpenIncidentPoint {
  id: string;
  groupId: string;
  confirmed: boolean;
  buildingKey: string | null;
  lat: number | null;
  lon: number | null;
  firstAtMs: number;
  lastAtMs: number;
}

export type IncidentDecision =
  | { kind: 'none' }
  /** The appeal joins this open incident. */
  | { kind: 'attach'; incidentId: string }
  /** A new incident of the appeal and these neighbours (not in any incident yet). */
  | { kind: 'form'; neighbourIds: string[] };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), metres. */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Placed = Pick<PlacedAppeal, 'buildingKey' | 'lat' | 'lon'>;

/** One building (same key), or both located and within the radius. */
export function samePlace(a: Placed, b: Placed, radiusMeters: number): boolean {
  if (a.buildingKey !== null && a.buildingKey === b.buildingKey) return true;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return distanceMeters(a.lat, a.lon, b.lat, b.lon) <= radiusMeters;
}

/**
 * The building key the detector groups by: the shared `buildingKey` of an address, or null when it
 * names no street or no building (a key of the city alone would make the whole city one place).
 */
export function incidentBuildingKey(key: string): string | null {
  const [, street = '', building = ''] = key.split('|');
  return street !== '' && building !== '' ? key : null;
}

/**
 * What to do with `appeal`, given the open incidents and the appeals not yet in any incident that
 * the caller's index returned near it (a superset is fine: everything is checked here).
 * - It joins an open incident of its group at its place whose time span, widened by the window on
 *   both sides, holds the appeal's time (a confirmed incident takes any later appeal while open).
 * - Else, with at least `minAppeals - 1` such neighbours of its group at its place within the window
 *   either side of it (appeals can arrive late, after a workstation was offline), it forms one.
 */
export function decideIncident(
  appeal: PlacedAppeal,
  incidents: readonly OpenIncidentPoint[],
  neighbours: readonly PlacedAppeal[],
  rules: IncidentRules,
): IncidentDecision {
  const windowMs = rules.windowMinutes * 60_000;
  const t = appeal.createdAtMs;
  let best: OpenIncidentPoint | null = null;
  for (const incident of incidents) {
    if (incident.groupId !== appeal.groupId) continue;
    if (!samePlace(appeal, incident, rules.radiusMeters)) continue;
    const late = incident.confirmed ? Infinity : incident.lastAtMs + windowMs;
    if (t < incident.firstAtMs - windowMs || t > late) continue;
    if (!best || incident.lastAtMs > best.lastAtMs) best = incident;
  }
  if (best) return { kind: 'attach', incidentId: best.id };
  const near = neighbours.filter(
    (n) =>
      n.id !== appeal.id &&
      n.groupId === appeal.groupId &&
      Math.abs(n.createdAtMs - t) <= windowMs &&
      samePlace(appeal, n, rules.radiusMeters),
  );
  if (near.length + 1 < rules.minAppeals) return { kind: 'none' };
  return { kind: 'form', neighbourIds: [...new Set(near.map((n) => n.id))] };
}

/** `geo:<lat>,<lon>`: the place key of an incident found by coordinates alone. */
export const geoPlaceKey = (lat: number, lon: number): string => `geo:${lat.toFixed(5)},${lon.toFixed(5)}`;

/** What operators read to a caller when the lead has not written the incident's own script. */
export function defaultIncidentScript(groupName: string, placeLine: string): string {
  return (
    `Про цю проблему вже відомо: «${groupName}», ${placeLine}. Її зареєстровано та передано ` +
    'виконавцю. Ваше звернення приєднаємо до неї; після усунення вам передзвонять, щоб переконатися, ' +
    'що все гаразд.'
  );
}
