// The replay's engine: appeals in time order through the detector's own rules
// (src/shared/incidents/detect.ts `decideIncident`), with an in-memory index standing in for the
// server's indexed queries: appeals not yet in an incident and open incidents, by category group
// and by a grid of cells one radius wide (the 3 x 3 cells around a point hold everything within the
// radius), dropped once they are older than the window.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { Classifier } from '../../src/shared/domain/reference';
import {
  decideIncident,
  geoPlaceKey,
  type IncidentRules,
  type OpenIncidentPoint,
  type PlacedAppeal,
} from '../../src/shared/incidents/detect';

/** The fields of a data-set line the replay uses; the text is read only by the labelling dump. */
export const ReplayLine = z.object({
  id: z.string().min(1).max(64),
  createdAt: z.string().min(10).max(40),
  category: z.string().trim().min(1),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
});
export type ReplayLine = z.infer<typeof ReplayLine>;

export interface ReplayAppeal extends PlacedAppeal {
  /** Where it came in the file: keeps the order of appeals made in the same second. */
  ord: number;
  createdAt: string;
}

export interface ReplayIncident {
  id: string;
  groupId: string;
  placeKey: string;
  lat: number;
  lon: number;
  appealIds: string[];
  firstAt: string;
  lastAt: string;
  firstAtMs: number;
  lastAtMs: number;
}

export interface ReadResult {
  appeals: ReplayAppeal[];
  /** Lines that were not JSON or lacked a field. */
  malformed: number;
  /** Question types the classifier does not know (no group). */
  unknownCategory: number;
  /** Appeals without coordinates: the data has no address, so they cannot be placed. */
  unplaced: number;
  /** Lines repeating an id already read: a duplicate delivery, taken once (as the server's ledger does). */
  duplicates: number;
  seen: Set<string>;
}

/** "2013-04-16 16:12:36" (the center's local time) as a number that orders and subtracts rightly. */
export function instantMs(createdAt: string): number {
  const iso = createdAt.includes('T') ? createdAt : createdAt.replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

export function emptyRead(): ReadResult {
  return { appeals: [], malformed: 0, unknownCategory: 0, unplaced: 0, duplicates: 0, seen: new Set() };
}

export function addLine(
  result: ReadResult,
  line: string,
  groupOf: ReadonlyMap<string, string>,
  ord: number,
): void {
  if (line.trim() === '') return;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    result.malformed++;
    return;
  }
  const parsed = ReplayLine.safeParse(json);
  const ms = parsed.success ? instantMs(parsed.data.createdAt) : NaN;
  if (!parsed.success || Number.isNaN(ms)) {
    result.malformed++;
    return;
  }
  const { id, createdAt, category, lat, lon } = parsed.data;
  if (result.seen.has(id)) {
    result.duplicates++;
    return;
  }
  result.seen.add(id);
  const groupId = groupOf.get(category);
  if (!groupId) {
    result.unknownCategory++;
    return;
  }
  // 0,0 is how a missing geocode shows in such exports: not a place.
  if (lat === null || lat === undefined || lon === null || lon === undefined || (lat === 0 && lon === 0)) {
    result.unplaced++;
    return;
  }
  result.appeals.push({ id, ord, createdAt, createdAtMs: ms, groupId, buildingKey: null, lat, lon });
}

/** Question type name -> its group, from the shipped classifier. */
export function groupsByTypeName(): Map<string, string> {
  const classifier = Classifier.parse(
    JSON.parse(readFileSync(join(process.cwd(), 'resources', 'reference', 'classifier.json'), 'utf8')),
  );
  return new Map(classifier.types.map((t) => [t.name, t.groupId]));
}

/** Streams a `.jsonl` or `.jsonl.gz` file; `limit` stops after that many lines. */
export async function readFile(
  file: string,
  groupOf: ReadonlyMap<string, string>,
  limit = Infinity,
): Promise<ReadResult> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const result = emptyRead();
  let ord = 0;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (ord >= limit) break;
    addLine(result, line, groupOf, ord++);
  }
  lines.close();
  input.destroy();
  return result;
}

const METRES_PER_DEGREE = 111_320;

/** The grid: cells one radius tall and (at Kyiv's latitude) one radius wide. */
function grid(radiusMeters: number, latitude: number) {
  const cellLat = radiusMeters / METRES_PER_DEGREE;
  const cellLon = radiusMeters / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
  const cell = (lat: number, lon: number): [number, number] => [
    Math.floor(lat / cellLat),
    Math.floor(lon / cellLon),
  ];
  return { cell, key: (group: string, x: number, y: number) => `${group}|${x}|${y}` };
}

/**
 * Plays `appeals` in time order (then file order) through `decideIncident`; returns every incident
 * formed, each with its appeals. Pure but for the clock it does not read: the same input gives the
 * same incidents.
 */
export function replay(appeals: readonly ReplayAppeal[], rules: IncidentRules): ReplayIncident[] {
  const ordered = [...appeals].sort((a, b) => a.createdAtMs - b.createdAtMs || a.ord - b.ord);
  const windowMs = rules.windowMinutes * 60_000;
  const { cell, key } = grid(rules.radiusMeters, ordered[0]?.lat ?? 50.45);
  const loose = new Map<string, ReplayAppeal[]>();
  const open = new Map<string, ReplayIncident[]>();
  const incidents: ReplayIncident[] = [];
  const inIncident = new Set<string>();

  const around = <T>(
    index: Map<string, T[]>,
    group: string,
    lat: number,
    lon: number,
    keep: (x: T) => boolean,
  ) => {
    const [cx, cy] = cell(lat, lon);
    const found: T[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const k = key(group, cx + dx, cy + dy);
        const list = index.get(k);
        if (!list) continue;
        // Older than the window (the replay only moves forward): dropped for good.
        const kept = list.filter(keep);
        if (kept.length === 0) index.delete(k);
        else if (kept.length !== list.length) index.set(k, kept);
        found.push(...kept);
      }
    return found;
  };
  const put = <T>(index: Map<string, T[]>, group: string, lat: number, lon: number, item: T) => {
    const [cx, cy] = cell(lat, lon);
    const k = key(group, cx, cy);
    const list = index.get(k);
    if (list) list.push(item);
    else index.set(k, [item]);
  };

  for (const appeal of ordered) {
    const t = appeal.createdAtMs;
    const lat = appeal.lat!;
    const lon = appeal.lon!;
    const candidates = around(open, appeal.groupId, lat, lon, (i) => i.lastAtMs + windowMs >= t);
    const points: OpenIncidentPoint[] = candidates.map((i) => ({
      id: i.id,
      groupId: i.groupId,
      confirmed: false,
      buildingKey: null,
      lat: i.lat,
      lon: i.lon,
      firstAtMs: i.firstAtMs,
      lastAtMs: i.lastAtMs,
    }));
    const neighbours = around(
      loose,
      appeal.groupId,
      lat,
      lon,
      (a) => a.createdAtMs + windowMs >= t && !inIncident.has(a.id),
    );
    const decision = decideIncident(appeal, points, neighbours, rules);
    switch (decision.kind) {
      case 'none':
        put(loose, appeal.groupId, lat, lon, appeal);
        break;
      case 'attach': {
        const incident = candidates.find((i) => i.id === decision.incidentId)!;
        incident.appealIds.push(appeal.id);
        incident.lastAtMs = Math.max(incident.lastAtMs, t);
        incident.lastAt = incident.lastAtMs === t ? appeal.createdAt : incident.lastAt;
        inIncident.add(appeal.id);
        break;
      }
      case 'form': {
        const members = [...neighbours.filter((n) => decision.neighbourIds.includes(n.id)), appeal].sort(
          (a, b) => a.createdAtMs - b.createdAtMs || a.ord - b.ord,
        );
        // The place is the members' centre: one stray point does not drag the incident's circle.
        const cLat = members.reduce((s, m) => s + m.lat!, 0) / members.length;
        const cLon = members.reduce((s, m) => s + m.lon!, 0) / members.length;
        const incident: ReplayIncident = {
          id: `R-${incidents.length + 1}`,
          groupId: appeal.groupId,
          placeKey: geoPlaceKey(cLat, cLon),
          lat: cLat,
          lon: cLon,
          appealIds: members.map((m) => m.id),
          firstAt: members[0]!.createdAt,
          lastAt: appeal.createdAt,
          firstAtMs: members[0]!.createdAtMs,
          lastAtMs: t,
        };
        for (const m of members) inIncident.add(m.id);
        incidents.push(incident);
        put(open, appeal.groupId, cLat, cLon, incident);
        break;
      }
      default:
        return decision satisfies never;
    }
  }
  return incidents;
}
