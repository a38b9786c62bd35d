// The creates of one pushed batch as a few multi-row statements inside the batch's transaction:
// the round trips per batch stay constant instead of growing with its size.
import type { PoolClient } from 'pg';
import type { Appeal } from '../../shared/domain/appeal';
import { buildingKey } from '../../shared/domain/appeal';
import { registeredState } from '../../shared/domain/appealRegistration';
import type { Role } from '../../shared/sync/auth';
import type { Mutation, ServerAssignedAppealFields } from '../../shared/sync/protocol';
import { enqueueForDetection } from '../incidents/detector';
import type { NumberProof } from './numberProof';
import type { AppealPolicy, OwnedFields } from './serverOwned';

export interface PushContext {
  deviceId: string;
  userId: string;
  role: Role;
  /** The pushing executor account's organisation (null or absent for the center's staff). */
  organisationId?: string | null;
  centerCode: string;
  policy: AppealPolicy;
  proof: NumberProof;
  now: Date;
}

export type AppealPayload = Extract<Mutation, { type: 'appeal.create' }>['payload'];
export type ConsultationPayload = Extract<Mutation, { type: 'consultation.create' }>['payload'];

export interface Created {
  status: 'applied' | 'duplicate';
  officialNumber: string | null;
}

export interface CreatedAppeals {
  /** The outcome per appeal id. */
  byId: Map<string, Created>;
  /** The ledger rows (seqs) this call already recorded the outcome in. */
  recorded: Set<number>;
}

/**
 * Creates the appeals that do not exist yet, by id: a record re-sent after a re-sync, or created
 * by a concurrent delivery under another mutation id, keeps its number and answers `duplicate`.
 * One statement takes the numbers, writes the appeals, their history, audit and change_log rows,
 * and records the outcomes in the claimed ledger rows. `items` hold one mutation per appeal id.
 */
export interface AppealItem {
  seq: number;
  payload: AppealPayload;
  /** Decided by the server (serverOwned.ts), whatever the payload says. */
  owned: OwnedFields;
}

export async function createAppeals(
  client: PoolClient,
  ctx: PushContext,
  items: readonly AppealItem[],
): Promise<CreatedAppeals> {
  const out: CreatedAppeals = { byId: new Map(), recorded: new Set() };
  if (items.length === 0) return out;
  const now = ctx.now.toISOString();
  const rows = items.map(({ seq, payload: p, owned }, ord) => {
    // The number is set by the statement; the year is the one the appeal was received in, even
    // when it reaches the server later.
    // The operator is the account that signed in and pushed, never what the device claims.
    const { officialNumber: claim = null, officialNumberProof, ...fields } = p;
    // A number is kept only with the server's own signature of it (numberProof.ts).
    const claimedNumber = claim !== null && ctx.proof.verify(p.id, claim, officialNumberProof) ? claim : null;
    // The statement sets the number; the lifecycle starts here.
    const assigned: ServerAssignedAppealFields = registeredState(now);
    const record: Appeal = { ...fields, ...owned, operatorId: ctx.userId, ...assigned };
    return {
      seq,
      ord,
      id: p.id,
      year: Number(owned.receivedOn.slice(0, 4)),
      provisional_number: p.provisionalNumber,
      operator_id: ctx.userId,
      type: p.type,
      priority: owned.priority,
      received_on: owned.receivedOn,
      deadline_on: owned.deadlineOn,
      category_id: p.categoryId,
      executor_id: p.executorId,
      building_key: buildingKey(p.applicant.address),
      record,
      created_at: p.createdAt,
      // A re-sent appeal whose unproven number is not kept: its history still records it.
      claimed_number: claimedNumber,
      previous_number: claim,
    };
  });
  // change_log ids follow the batch's order, so a pull delivers the appeals in the order the
  // device made them. CTEs that take numbers are materialised once, so each appeal takes one.
  const { rows: done } = await client.query<{
    id: string;
    official_number: string | null;
    status: Created['status'];
  }>(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, ord bigint, id uuid, year integer,
         provisional_number text, operator_id text, type text, priority boolean, received_on date, deadline_on date,
         category_id text, executor_id text, building_key text, record jsonb, created_at timestamptz,
         claimed_number text, previous_number text)
     ),
     existing AS (SELECT a.id, a.official_number FROM appeals a JOIN x USING (id)),
     fresh AS MATERIALIZED (
       SELECT x.*,
         CASE WHEN is_registration_number_of($2, x.year, x.claimed_number)
                   AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.official_number = x.claimed_number)
              THEN keep_registration_number($2, x.year, x.claimed_number)
              ELSE format_registration_number($2, x.year, next_registration_number($2, x.year))
         END AS official_number
         FROM x WHERE x.id NOT IN (SELECT id FROM existing)
     ),
     ins AS (
       INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id, type,
         status, result, version, priority, received_on, deadline_on, category_id, executor_id, building_key, record,
         created_at, updated_at)
       SELECT id, official_number, $2, year, provisional_number, $3, operator_id, type, 'registered', NULL, 1,
         priority, received_on, deadline_on, category_id, executor_id, building_key,
         record || jsonb_build_object('officialNumber', official_number), created_at, $5::timestamptz
         FROM fresh ORDER BY ord
       ON CONFLICT (id) DO NOTHING
       RETURNING id, official_number
     ),
     h AS (
       INSERT INTO appeal_history (appeal_id, user_id, device_id, kind, version, status_after, change)
       SELECT ins.id, $4::uuid, $3::text, 'created', 1, 'registered', jsonb_build_object('action', 'registered', 'officialNumber', ins.official_number,
         'via', 'sync', 'deviceId', $3::text, 'version', 1)
         -- A re-sent appeal whose earlier number another appeal holds now: the change is on record.
         || CASE WHEN x.previous_number IS NOT NULL AND x.previous_number IS DISTINCT FROM ins.official_number
                 THEN jsonb_build_object('previousNumber', x.previous_number) ELSE '{}'::jsonb END
         FROM ins JOIN x USING (id) ORDER BY x.ord
     ),
     l AS (
       INSERT INTO audit_log (user_id, action, appeal_id, details)
       SELECT $4::uuid, 'appeal.create', ins.id, jsonb_build_object('via', 'sync', 'deviceId', $3::text)
         FROM ins JOIN x USING (id) ORDER BY x.ord
     ),
     c AS (
       INSERT INTO change_log (entity_type, entity_id, payload)
       SELECT 'appeal', ins.id::text, '{"op":"create","version":1}'::jsonb FROM ins JOIN x USING (id) ORDER BY x.ord
     ),
     outcome AS (
       SELECT id, official_number, 'applied' AS status FROM ins
       UNION ALL SELECT id, official_number, 'duplicate' FROM existing
     ),
     led AS (
       UPDATE sync_ledger s SET status = 'applied', result = jsonb_build_object('officialNumber', o.official_number)
         FROM outcome o JOIN x USING (id)
        WHERE s.device_id = $6::uuid AND s.seq = x.seq
     )
     SELECT id::text, official_number, status FROM outcome`,
    [JSON.stringify(rows), ctx.centerCode, ctx.deviceId, ctx.userId, now, ctx.deviceId],
  );
  // The mass-incident detector looks at each new appeal once, soon after this commits.
  await enqueueForDetection(
    client,
    done.filter((r) => r.status === 'applied').map((r) => r.id),
  );
  const seqOf = new Map(items.map((i) => [i.payload.id, i.seq]));
  for (const r of done) {
    out.byId.set(r.id, { status: r.status, officialNumber: r.official_number });
    out.recorded.add(seqOf.get(r.id)!);
  }
  const lost = items.map((i) => i.payload.id).filter((id) => !out.byId.has(id));
  if (lost.length > 0) {
    // A concurrent delivery under another mutation id created these first (its numbers are used;
    // the ones taken here are permitted gaps).
    const winners = await client.query<{ id: string; official_number: string | null }>(
      'SELECT id::text, official_number FROM appeals WHERE id = ANY($1::uuid[])',
      [lost],
    );
    for (const r of winners.rows)
      out.byId.set(r.id, { status: 'duplicate', officialNumber: r.official_number });
  }
  return out;
}

/** Creates the consultations that do not exist yet; returns the ids created now. */
export async function createConsultations(
  client: PoolClient,
  ctx: PushContext,
  payloads: readonly ConsultationPayload[],
): Promise<Set<string>> {
  if (payloads.length === 0) return new Set();
  const rows = payloads.map((p, ord) => ({
    id: p.id,
    operator_id: ctx.userId,
    channel: p.channel,
    category_id: p.categoryId,
    executor_id: p.executorId,
    record: { ...p, operatorId: ctx.userId },
    created_at: p.createdAt,
    ord,
  }));
  const inserted = await client.query<{ id: string }>(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, operator_id text, channel text,
         category_id text, executor_id text, record jsonb, created_at timestamptz, ord bigint)
     ),
     i AS (
       INSERT INTO consultations (id, device_id, operator_id, channel, category_id, executor_id, record, created_at)
       SELECT id, $2::uuid, operator_id, channel, category_id, executor_id, record, created_at FROM x ORDER BY ord
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ),
     c AS (
       INSERT INTO change_log (entity_type, entity_id, payload)
       SELECT 'consultation', i.id::text, '{"op":"create"}'::jsonb FROM i JOIN x USING (id) ORDER BY x.ord
     )
     SELECT id::text FROM i`,
    [JSON.stringify(rows), ctx.deviceId],
  );
  return new Set(inserted.rows.map((r) => r.id));
}
