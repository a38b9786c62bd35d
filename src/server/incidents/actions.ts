// What people do to an incident, each inside the caller's transaction: an operator links an appeal; a
// team lead confirms, merges, splits or closes. Every lead action locks the incident's row and
// compares the version the lead saw, so of two leads acting at once one wins and the other is told
// (409 stale_version); each is audited and announced on the live channel.
import type { AppealStatus, ClosingResult } from '../../shared/domain/appeal';
import type { LifecycleAction } from '../../shared/domain/lifecycle';
import type {
  Incident,
  IncidentActed,
  IncidentClosedAppeal,
  IncidentConfirmRequest,
  IncidentMergeRequest,
  IncidentSplitRequest,
} from '../../shared/incidents';
import type { Role } from '../../shared/sync/auth';
import { audit } from '../audit';
import type { PoolClient } from '../db/pool';
import { HttpError, notFound } from '../errors';
import { applyLifecycleChanges, type LifecycleItem } from '../lifecycle/apply';
import type { AppealPolicy } from '../sync/serverOwned';
import { insertIncident, linkAppeals, notifyIncident, readIncident, refreshTotals } from './store';

export interface IncidentActor {
  userId: string;
  role: Role;
}

const conflict = (code: string, message: string) => new HttpError(409, code, message);

async function lockIncident(client: PoolClient, id: string): Promise<Incident> {
  const incident = await readIncident(client, id.toLowerCase(), true);
  if (!incident) throw notFound(`No incident ${id}`);
  return incident;
}

function checkOpen(incident: Incident): void {
  if (incident.state === 'closed')
    throw conflict(
      'incident_closed',
      incident.closedAs === 'merged'
        ? `Incident ${incident.id} was merged into ${incident.mergedInto}; act on that one`
        : `Incident ${incident.id} is closed`,
    );
}

function checkVersion(incident: Incident, baseVersion: number): void {
  if (incident.version !== baseVersion)
    throw conflict(
      'stale_version',
      `Incident ${incident.id} changed since you read it (version ${baseVersion}, now ${incident.version}): ` +
        'someone else acted on it first; read it again',
    );
}

const reread = async (client: PoolClient, id: string): Promise<Incident> => (await readIncident(client, id))!;

/** Links an appeal (idempotent: already in this incident answers the incident unchanged). */
export async function linkAppeal(
  client: PoolClient,
  actor: IncidentActor,
  incidentId: string,
  appealId: string,
): Promise<IncidentActed> {
  const incident = await lockIncident(client, incidentId);
  checkOpen(incident);
  const id = appealId.toLowerCase();
  const { rows } = await client.query<{ incident_id: string | null }>(
    `SELECT (SELECT incident_id::text FROM incident_appeals WHERE appeal_id = a.id) AS incident_id
       FROM appeals a WHERE a.id = $1`,
    [id],
  );
  if (rows.length === 0)
    throw notFound(`No appeal ${appealId} on the server (yet): link it after it has synced`);
  const current = rows[0]!.incident_id;
  if (current === incident.id) return { incident, other: null };
  if (current !== null)
    throw conflict(
      'already_linked',
      `The appeal is already in incident ${current}; an appeal is in one incident only`,
    );
  const linked = await linkAppeals(client, incident.id, [id], 'operator', actor.userId);
  if (linked.length === 0)
    throw conflict('already_linked', 'The appeal was linked to another incident a moment ago; read it again');
  // The detector need not look at it any more.
  await client.query('DELETE FROM incident_pending WHERE appeal_id = $1', [id]);
  await refreshTotals(client, [incident.id]);
  await audit(client, {
    userId: actor.userId,
    action: 'incident.link',
    appealIds: [id],
    details: { incidentId: incident.id },
  });
  await notifyIncident(client, incident.id, 'linked');
  return { incident: await reread(client, incident.id), other: null };
}

export async function confirmIncident(
  client: PoolClient,
  actor: IncidentActor,
  incidentId: string,
  body: IncidentConfirmRequest,
): Promise<IncidentActed> {
  const incident = await lockIncident(client, incidentId);
  checkVersion(incident, body.baseVersion);
  checkOpen(incident);
  await client.query(
    `UPDATE incidents SET state = 'confirmed', script = coalesce($2, script), version = version + 1,
            confirmed_by = coalesce(confirmed_by, $3), confirmed_at = coalesce(confirmed_at, now()), updated_at = now()
      WHERE id = $1`,
    [incident.id, body.script ?? null, actor.userId],
  );
  await audit(client, {
    userId: actor.userId,
    action: 'incident.confirm',
    details: { incidentId: incident.id, scriptChanged: body.script !== undefined },
  });
  await notifyIncident(client, incident.id, 'confirmed');
  return { incident: await reread(client, incident.id), other: null };
}

export async function mergeIncident(
  client: PoolClient,
  actor: IncidentActor,
  incidentId: string,
  body: IncidentMergeRequest,
): Promise<IncidentActed> {
  const fromId = incidentId.toLowerCase();
  const intoId = body.intoId.toLowerCase();
  if (fromId === intoId) throw conflict('same_incident', 'An incident cannot be merged into itself');
  // Both rows locked in one order, whoever merges which into which: no deadlock between two merges.
  const [first, second] = [fromId, intoId].sort();
  const locked = new Map<string, Incident>();
  for (const id of [first!, second!]) locked.set(id, await lockIncident(client, id));
  const from = locked.get(fromId)!;
  const into = locked.get(intoId)!;
  checkVersion(from, body.baseVersion);
  checkVersion(into, body.intoVersion);
  checkOpen(from);
  checkOpen(into);
  if (from.categoryGroupId !== into.categoryGroupId)
    throw conflict(
      'group_mismatch',
      `Incidents of different category groups (${from.categoryGroupId}, ${into.categoryGroupId}) are not merged`,
    );
  const { rows: moved } = await client.query<{ appeal_id: string }>(
    `UPDATE incident_appeals SET incident_id = $2, linked_by = 'merge', linked_user = $3, linked_at = now()
      WHERE incident_id = $1 RETURNING appeal_id::text`,
    [from.id, into.id, actor.userId],
  );
  await client.query(
    `UPDATE incidents SET state = 'closed', closed_as = 'merged', merged_into = $2, closed_by = $3,
            closed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
    [from.id, into.id, actor.userId],
  );
  await client.query('UPDATE incidents SET version = version + 1 WHERE id = $1', [into.id]);
  await refreshTotals(client, [from.id, into.id]);
  await audit(client, {
    userId: actor.userId,
    action: 'incident.merge',
    appealIds: moved.map((r) => r.appeal_id),
    details: { incidentId: from.id, intoId: into.id },
  });
  await notifyIncident(client, from.id, 'merged');
  await notifyIncident(client, into.id, 'merged');
  return { incident: await reread(client, from.id), other: await reread(client, into.id) };
}

export async function splitIncident(
  client: PoolClient,
  actor: IncidentActor,
  incidentId: string,
  body: IncidentSplitRequest,
): Promise<IncidentActed> {
  const incident = await lockIncident(client, incidentId);
  checkVersion(incident, body.baseVersion);
  checkOpen(incident);
  const wanted = [...new Set(body.appealIds.map((id) => id.toLowerCase()))];
  const { rows } = await client.query<{ appeal_id: string; here: boolean }>(
    `SELECT appeal_id::text, incident_id = $2 AS here FROM incident_appeals
      WHERE incident_id = $2 OR appeal_id = ANY($1::uuid[])`,
    [wanted, incident.id],
  );
  const here = new Set(rows.filter((r) => r.here).map((r) => r.appeal_id));
  const strangers = wanted.filter((id) => !here.has(id));
  if (strangers.length > 0)
    throw conflict('not_in_incident', `Not in incident ${incident.id}: ${strangers.slice(0, 5).join(', ')}`);
  if (wanted.length >= here.size)
    throw conflict(
      'split_all',
      'A split must leave at least one appeal in the incident; close or keep it instead',
    );
  const otherId = await insertIncident(client, {
    groupId: incident.categoryGroupId,
    placeKey: incident.place.key,
    placeLine: incident.place.line,
    lat: incident.place.lat,
    lon: incident.place.lon,
    radiusMeters: incident.radiusMeters,
    script: incident.script,
  });
  await client.query(
    `UPDATE incident_appeals SET incident_id = $2, linked_by = 'split', linked_user = $3, linked_at = now()
      WHERE appeal_id = ANY($1::uuid[])`,
    [wanted, otherId, actor.userId],
  );
  await client.query('UPDATE incidents SET version = version + 1 WHERE id = $1', [incident.id]);
  await refreshTotals(client, [incident.id, otherId]);
  await audit(client, {
    userId: actor.userId,
    action: 'incident.split',
    appealIds: wanted,
    details: { incidentId: incident.id, newIncidentId: otherId },
  });
  await notifyIncident(client, incident.id, 'split');
  await notifyIncident(client, otherId, 'detected');
  return { incident: await reread(client, incident.id), other: await reread(client, otherId) };
}

/**
 * The lifecycle steps that bring an appeal from `status` to the citizen's callback, taken by the
 * lead (a dispatcher and an executor in the shared rules); none once it is there or beyond.
 */
export function stepsToCallback(
  status: AppealStatus,
  executorId: string,
  result: ClosingResult,
  answer: string,
): LifecycleAction[] {
  const answered: LifecycleAction = { kind: 'answer', result, text: answer };
  switch (status) {
    case 'registered':
      return [{ kind: 'assign', executorId }, answered, { kind: 'control_accept' }];
    case 'assigned':
    case 'in_progress':
    case 'rework':
      return [answered, { kind: 'control_accept' }];
    case 'awaiting_control_check':
      return [{ kind: 'control_accept' }];
    case 'awaiting_applicant_check':
    case 'closed':
      return [];
    default:
      return status satisfies never;
  }
}

export async function closeIncident(
  client: PoolClient,
  actor: IncidentActor,
  incidentId: string,
  body: { baseVersion: number; result: ClosingResult; answer: string },
  policy: AppealPolicy,
): Promise<IncidentActed> {
  const incident = await lockIncident(client, incidentId);
  checkVersion(incident, body.baseVersion);
  checkOpen(incident);
  const { rows: appeals } = await client.query<{
    id: string;
    status: AppealStatus;
    version: number;
    executor_id: string;
  }>(
    `SELECT a.id::text, a.status, a.version, a.executor_id FROM incident_appeals l JOIN appeals a ON a.id = l.appeal_id
      WHERE l.incident_id = $1 ORDER BY a.id FOR UPDATE OF a`,
    [incident.id],
  );
  const items: LifecycleItem[] = [];
  const plans = appeals.map((a) => {
    const steps = stepsToCallback(a.status, a.executor_id, body.result, body.answer);
    steps.forEach((action, i) =>
      items.push({ appealId: a.id, change: { action, baseVersion: a.version + i } }),
    );
    return { appeal: a, steps: steps.length };
  });
  const outcomes = await applyLifecycleChanges(
    client,
    { userId: actor.userId, role: actor.role, organisationId: null },
    items,
    { policy, now: new Date(), deviceId: null, via: 'api' },
  );
  const refused = outcomes.findIndex((o) => o.status === 'rejected');
  if (refused >= 0) {
    const outcome = outcomes[refused]!;
    const reason = outcome.status === 'rejected' ? outcome.reason : null;
    throw conflict(
      'appeal_refused',
      `Appeal ${items[refused]!.appealId} could not be moved on (${reason?.refusal ?? reason?.code}: ${reason?.message}); nothing was changed`,
    );
  }
  const after = new Map<string, string>();
  outcomes.forEach((o, i) => {
    if (o.status === 'applied') after.set(items[i]!.appealId, o.appeal.status);
  });
  const closed: IncidentClosedAppeal[] = plans.map(({ appeal, steps }) => ({
    appealId: appeal.id,
    statusBefore: appeal.status,
    statusAfter: after.get(appeal.id) ?? appeal.status,
    moved: steps > 0,
  }));
  await client.query(
    `UPDATE incidents SET state = 'closed', closed_as = 'resolved', closed_by = $2, closed_at = now(),
            version = version + 1, updated_at = now() WHERE id = $1`,
    [incident.id, actor.userId],
  );
  await audit(client, {
    userId: actor.userId,
    action: 'incident.close',
    appealIds: appeals.map((a) => a.id),
    details: { incidentId: incident.id, result: body.result, moved: closed.filter((c) => c.moved).length },
  });
  await notifyIncident(client, incident.id, 'closed');
  return { incident: await reread(client, incident.id), other: null, appeals: closed };
}
