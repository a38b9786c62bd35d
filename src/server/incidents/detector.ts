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
  AT_BUILDING,
  insertIncident,
  linkAppeals,
  notifyIncident,
  readIncident,
  refreshTotals,
} from './store';

/**
 * Appeals decided per transaction. Short transactions matter beyond the detector: a pull shows only
 * changes below the oldest running transaction (pull.ts, xmin), so while a scan's transaction runs,
 * every workstation waits for every status change made after it began. 200 appeals a transaction
 * held them back 5-7 s behind a burst of pushes (the server bench's status-change figure).
 */
export const SCAN_BATCH = 25;
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
    const { claimed, appeals } = await claimPending(client, batch);
    const result: ScanResult = { examined: claimed, formed: 0, attached: 0 };
    if (claimed === 0) return result;
    // Losing this commit in a crash loses the whole transaction, the queue rows' deletion with it:
    // the appeals are examined again. So the commit need not wait for the disk.
    await client.query('SET LOCAL synchronous_commit TO off');
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

/**
 * Claims a batch of the queue and reads, in the same statement, those of its appeals that can be
 * placed (a building) and are in no incident yet.
 */
async function claimPending(
  client: PoolClient,
  batch: number,
): Promise<{ claimed: number; appeals: PendingAppeal[] }> {
  const { rows } = await client.query<{
    id: string;
    group_id: string | null;
    building_key: string | null;
    created_at: Date | null;
    city: string | null;
    street: string | null;
    building: string | null;
  }>(
    `WITH claimed AS (
       DELETE FROM incident_pending WHERE appeal_id IN (
         SELECT appeal_id FROM incident_pending ORDER BY queued_at, appeal_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING appeal_id
     )
     SELECT claimed.appeal_id::text AS id, c.group_id, a.building_key, a.created_at,
            a.record #>> '{applicant,address,city}' AS city, a.record #>> '{applicant,address,street}' AS street,
            a.record #>> '{applicant,address,building}' AS building
       FROM claimed
       LEFT JOIN appeals a ON a.id = claimed.appeal_id
              AND NOT EXISTS (SELECT 1 FROM incident_appeals l WHERE l.appeal_id = a.id)
       LEFT JOIN categories c ON c.id = a.category_id`,
    [batch],
  );
  const appeals = rows.flatMap((r) => {
    const key = r.building_key === null ? null : incidentBuildingKey(r.building_key);
    if (key === null || r.group_id === null || r.created_at === null) return [];
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
  return { claimed: rows.length, appeals };
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
  const { points, neighbours } = await surroundings(client, appeal, rules);
  const decision = decideIncident(appeal, points, neighbours, rules);
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

/**
 * In one statement (read after the place's lock is held): the open incidents of the group at the
 * building, and the appeals of the group there within the window either side that are in no
 * incident, by index (incidents_open_place, appeals_building_time).
 */
async function surroundings(
  client: PoolClient,
  appeal: PendingAppeal,
  rules: IncidentRules,
): Promise<{ points: OpenIncidentPoint[]; neighbours: PlacedAppeal[] }> {
  const { rows } = await client.query<{
    incidents: { id: string; state: string; first_at: string; last_at: string }[];
    neighbours: { id: string; created_at: string }[];
  }>(
    `SELECT
       (SELECT coalesce(json_agg(i), '[]') FROM (
          SELECT id::text, state, first_at, last_at FROM incidents
           WHERE ${AT_BUILDING} AND category_group_id = $4 AND state <> 'closed') i) AS incidents,
       (SELECT coalesce(json_agg(n), '[]') FROM (
          SELECT a.id::text, a.created_at FROM appeals a JOIN categories c ON c.id = a.category_id
           WHERE a.building_key = $1
             AND a.created_at BETWEEN $2::timestamptz - make_interval(mins => $3)
                                  AND $2::timestamptz + make_interval(mins => $3)
             AND c.group_id = $4 AND a.id <> $5
             AND NOT EXISTS (SELECT 1 FROM incident_appeals l WHERE l.appeal_id = a.id)
           LIMIT ${NEIGHBOUR_LIMIT}) n) AS neighbours`,
    [appeal.buildingKey, new Date(appeal.createdAtMs), rules.windowMinutes, appeal.groupId, appeal.id],
  );
  const row = rows[0]!;
  const place = { buildingKey: appeal.buildingKey, lat: null, lon: null };
  return {
    points: row.incidents.map((i) => ({
      id: i.id,
      groupId: appeal.groupId,
      confirmed: i.state === 'confirmed',
      firstAtMs: Date.parse(i.first_at),
      lastAtMs: Date.parse(i.last_at),
      ...place,
    })),
    neighbours: row.neighbours.map((n) => ({
      id: n.id,
      groupId: appeal.groupId,
      createdAtMs: Date.parse(n.created_at),
      ...place,
    })),
  };
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
