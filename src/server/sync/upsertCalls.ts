// Call records from workstations (mutation `call.upsert`): one statement per batch. The highest
// version wins, so a retried or reordered delivery of an older version changes nothing; a record
// stays with the device that made it.
import type { PoolClient } from 'pg';
import { agentCallId } from '../../shared/softphone/agent';
import type { Mutation } from '../../shared/sync/protocol';
import type { PushContext } from './createRecords';

export type CallPayload = Extract<Mutation, { type: 'call.upsert' }>['payload'];

/** Returns the ids written now (created or moved to a newer version). */
export async function upsertCalls(
  client: PoolClient,
  ctx: PushContext,
  payloads: readonly CallPayload[],
): Promise<Set<string>> {
  if (payloads.length === 0) return new Set();
  // The latest version of each record in the batch: one row per id reaches the statement.
  const latest = new Map<string, CallPayload>();
  for (const p of payloads) if ((latest.get(p.id)?.version ?? 0) < p.version) latest.set(p.id, p);
  const rows = [...latest.values()].map((p) => ({
    id: p.id,
    sip_call_id: p.sipCallId,
    direction: p.direction,
    ring_at: p.ringAt,
    answered_at: p.answeredAt,
    ended_at: p.endedAt,
    result: p.result,
    version: p.version,
    // The operator is the account that pushed, never what the device claims (as for appeals).
    record: { ...p, operatorId: ctx.userId },
  }));
  const { rows: written } = await client.query<{ id: string }>(
    `INSERT INTO calls (id, device_id, operator_id, sip_call_id, direction, ring_at, answered_at, ended_at, result,
       version, record)
     SELECT x.id, $2::uuid, $3::uuid, x.sip_call_id, x.direction, x.ring_at, x.answered_at, x.ended_at, x.result,
       x.version, x.record
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, sip_call_id text, direction text, ring_at timestamptz,
         answered_at timestamptz, ended_at timestamptz, result text, version integer, record jsonb)
     ON CONFLICT (id) DO UPDATE SET
       answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at, result = EXCLUDED.result,
       version = EXCLUDED.version, record = EXCLUDED.record, received_at = now()
     WHERE calls.version < EXCLUDED.version AND calls.device_id = EXCLUDED.device_id
     RETURNING id::text`,
    [JSON.stringify(rows), ctx.deviceId, ctx.userId],
  );
  // The agent's history may name these calls already, waiting for proof they exist (migration 045).
  await client.query(
    `UPDATE agent_state_history SET call_id = claimed_call_id, claimed_call_id = NULL
      WHERE user_id = $1 AND claimed_call_id = ANY($2::text[])`,
    [ctx.userId, rows.map((r) => agentCallId(r.sip_call_id))],
  );
  return new Set(written.map((r) => r.id));
}
