// The detector on the server: appeals that sync created are queued (incident_pending, in the push's
// transaction); each instance's scan claims a batch with SKIP LOCKED, decides each appeal with the
// shared rules (src/shared/incidents/detect.ts) against its neighbours found by index, and writes
// the outcome in the same transaction that deletes the queue rows: exactly once, crash-safe, and
// two instances never decide one place at once (an advisory lock per group and place).
import { addressLine } from '../../shared/domain/appeal';
import {
  decideIncident,
  defaultIncidentScript,
  incidentBuildingKey,
  type IncidentRules,
  type OpenIncidentPoint,
  type PlacedAppeal,
} from '../../shared/incidents/detect';
import type { Pool, PoolClient } from '../db/pool';
import { withRetriedTransaction } from '../sync/transaction';
import { groupName } from './groupNames';
import {
  insertIncident,
  linkAppeals,
  notifyIncident,
  openIncidentsAt,
  readIncident,
  refreshTotals,
} from './store';

/** Appeals decided per transaction: a burst of pushes is worked off in a few short transactions. */
export const SCAN_BATCH = 200;
/** Neighbours read per appeal at most: far beyond any threshold, and it bounds the work per appeal. */
const NEIGHBOUR_LIMIT = 500;

interface PendingAppeal extends PlacedAppeal {
  buildingKey: string;
  line: string;
}

/** Queues appeals just created by sync for the detector (inside the push's transaction). */
export async function enqueueForDetection(client: PoolClient, appealIds: readonly string[]): Promise<void> {
  if (appealIds.length === 0) return;
  await client.query(
    'INSERT INTO incident_pending (appeal_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING',
    [appealIds],
  );
}

export interface ScanResult {
  examined: number;
  formed: number;
  attached: number;
}

/** One batch of the queue, in one transaction; `examined` 0 means the queue was empty. */
export async function scanOnce(pool: Pool, rules: IncidentRules, batch = SCAN_BATCH): Promise<ScanResult> {
  return withRetriedTransaction(pool, async (client) => {
    const { rows: claimed } = await client.query<{ appeal_id: string }>(
      `DELETE FROM incident_pending WHERE appeal_id IN (
         SELECT appeal_id FROM incident_pending ORDER BY queued_at, appeal_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING appeal_id::text`,
      [batch],
    );
    const result: ScanResult = { examined: claimed.length, formed: 0, attached: 0 };
    if (claimed.length === 0) return result;
    const appeals = await loadPending(
      client,
      claimed.map((r) => r.appeal_id),
    );
    // One lock order for every instance: no two scans can wait on each other's places.
    appeals.sort((a, b) => lockKey(a).localeCompare(lockKey(b)) || a.createdAtMs - b.createdAtMs);
    for (const appeal of appeals) {
      const outcome = await detectOne(client, appeal, rules);
      if (outcome === 'formed') result.formed++;
      if (outcome === 'attached') result.attached++;
    }
    return result;
  });
}

const lockKey = (a: Pick<PlacedAppeal, 'groupId'> & { buildingKey: string }) =>
  `${a.groupId}|${a.buildingKey}`;

/** The claimed appeals that can be placed (a building) and are in no incident yet. */
async function loadPending(client: PoolClient, ids: readonly string[]): Promise<PendingAppeal[]> {
  const { rows } = await client.query<{
    id: string;
    group_id: string;
    building_key: string | null;
    created_at: Date;
    city: string | null;
    street: string | null;
    building: string | null;
  }>(
    `SELECT a.id::text, c.group_id, a.building_key, a.created_at,
            a.record #>> '{applicant,address,city}' AS city, a.record #>> '{applicant,address,street}' AS street,
            a.record #>> '{applicant,address,building}' AS building
       FROM appeals a JOIN categories c ON c.id = a.category_id
      WHERE a.id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM incident_appeals l WHERE l.appeal_id = a.id)`,
    [ids],
  );
  return rows.flatMap((r) => {
    const key = r.building_key === null ? null : incidentBuildingKey(r.building_key);
    if (key === null) return [];
    const line = addressLine({
      city: r.city ?? '',
      street: r.street ?? '',
      building: r.building ?? '',
      flat: '',
    });
    return [
      {
        id: r.id,
        groupId: r.group_id,
        createdAtMs: r.created_at.getTime(),
        buildingKey: key,
        lat: null,
        lon: null,
        line,
      },
    ];
  });
}

type Outcome = 'none' | 'formed' | 'attached';

/**
 * Decides one appeal under its place's lock. The server's appeals carry an address but no
 * coordinates, so the place is the building; the rules are the replay's (decideIncident).
 */
export async function detectOne(
  client: PoolClient,
  appeal: PendingAppeal,
  rules: IncidentRules,
): Promise<Outcome> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `incident|${lockKey(appeal)}`,
  ]);
  const incidents = await openIncidentsAt(client, appeal.buildingKey, appeal.groupId);
  const points: OpenIncidentPoint[] = incidents.map((i) => ({
    id: i.id,
    groupId: i.categoryGroupId,
    confirmed: i.state === 'confirmed',
    buildingKey: i.place.key,
    lat: i.place.lat,
    lon: i.place.lon,
    firstAtMs: Date.parse(i.firstAt),
    lastAtMs: Date.parse(i.lastAt),
  }));
  // Only read when no open incident takes it: the common case at a place with an incident is one query.
  const attachTo = decideIncident(appeal, points, [], { ...rules, minAppeals: Number.MAX_SAFE_INTEGER });
  const neighbours = attachTo.kind === 'attach' ? [] : await neighboursOf(client, appeal, rules);
  const decision = attachTo.kind === 'attach' ? attachTo : decideIncident(appeal, points, neighbours, rules);
  switch (decision.kind) {
    case 'none':
      return 'none';
    case 'attach': {
      // Locked first: a lead closing or merging it meanwhile is waited for, then seen.
      const target = await readIncident(client, decision.incidentId, true);
      if (!target || target.state === 'closed') return detectOne(client, appeal, rules);
      const linked = await linkAppeals(client, decision.incidentId, [appeal.id], 'detector', null);
      if (linked.length === 0) return 'none';
      await refreshTotals(client, [decision.incidentId]);
      await notifyIncident(client, decision.incidentId, 'grown');
      return 'attached';
    }
    case 'form': {
      const id = await insertIncident(client, {
        groupId: appeal.groupId,
        placeKey: appeal.buildingKey,
        placeLine: appeal.line,
        lat: null,
        lon: null,
        radiusMeters: null,
        script: defaultIncidentScript(groupName(appeal.groupId), appeal.line),
      });
      await linkAppeals(client, id, [appeal.id, ...decision.neighbourIds], 'detector', null);
      await refreshTotals(client, [id]);
      await notifyIncident(client, id, 'detected');
      return 'formed';
    }
    default:
      return decision satisfies never;
  }
}

/** Appeals of the group at the building within the window either side, in no incident: by index. */
async function neighboursOf(
  client: PoolClient,
  appeal: PendingAppeal,
  rules: IncidentRules,
): Promise<PlacedAppeal[]> {
  const { rows } = await client.query<{ id: string; created_at: Date }>(
    `SELECT a.id::text, a.created_at FROM appeals a JOIN categories c ON c.id = a.category_id
      WHERE a.building_key = $1
        AND a.created_at BETWEEN $2::timestamptz - make_interval(mins => $3) AND $2::timestamptz + make_interval(mins => $3)
        AND c.group_id = $4 AND a.id <> $5
        AND NOT EXISTS (SELECT 1 FROM incident_appeals l WHERE l.appeal_id = a.id)
      LIMIT ${NEIGHBOUR_LIMIT}`,
    [appeal.buildingKey, new Date(appeal.createdAtMs), rules.windowMinutes, appeal.groupId, appeal.id],
  );
  return rows.map((r) => ({
    id: r.id,
    groupId: appeal.groupId,
    createdAtMs: r.created_at.getTime(),
    buildingKey: appeal.buildingKey,
    lat: null,
    lon: null,
  }));
}

export interface DetectorLoop {
  start(): void;
  /** Resolves once a scan in progress has finished. */
  stop(): Promise<void>;
  /** Scans until the queue is empty (tests, and a wake-up after a push). */
  drain(): Promise<ScanResult>;
}

/** Each instance scans every `scanMs` (0: only when drained by hand), working off the whole queue. */
export function createDetectorLoop(
  pool: Pool,
  rules: IncidentRules & { scanMs: number },
  log: (message: string) => void,
): DetectorLoop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ScanResult> | null = null;
  const drainAll = async (): Promise<ScanResult> => {
    const total: ScanResult = { examined: 0, formed: 0, attached: 0 };
    for (;;) {
      const r = await scanOnce(pool, rules);
      total.examined += r.examined;
      total.formed += r.formed;
      total.attached += r.attached;
      if (r.examined < SCAN_BATCH) return total;
    }
  };
  // A caller's appeals may have been queued after a scan in progress read the queue: it waits for
  // that scan and runs one of its own.
  const drain = async (): Promise<ScanResult> => {
    while (running) await running.catch(() => undefined);
    running = drainAll().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    start() {
      if (rules.scanMs <= 0 || timer) return;
      timer = setInterval(() => {
        if (running) return;
        drain().catch((error: unknown) =>
          log(`incident scan failed: ${(error as { code?: string }).code ?? (error as Error).name}`),
        );
      }, rules.scanMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    drain,
  };
}
