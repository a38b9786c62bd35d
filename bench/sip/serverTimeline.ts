// The server's view of a load run, from agent_state_history: how long agents spent in each state
// and how long a line took from the end of its call to being offered calls again. Printed beside
// the load figure so a miss shows whether time went to ringing, talking or getting back.
import type { Pool } from '../../src/server/db/pool';
import { percentile } from '../report';

interface Interval {
  user_id: string;
  call_id: string | null;
  state: string;
  started_at: Date;
  ended_at: Date | null;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

export async function printServerTimeline(
  pool: Pool,
  fromEpochMs: number,
  busyAt: readonly number[],
): Promise<void> {
  const { rows } = await pool.query<Interval>(
    `SELECT user_id, call_id, state, started_at, ended_at FROM agent_state_history
      WHERE started_at >= to_timestamp($1 / 1000.0) ORDER BY user_id, started_at, id`,
    [fromEpochMs - 1_000],
  );
  const byState = new Map<string, number[]>();
  const backToAvailable: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const interval = rows[i]!;
    if (interval.ended_at) {
      const list = byState.get(interval.state) ?? [];
      list.push(interval.ended_at.getTime() - interval.started_at.getTime());
      byState.set(interval.state, list);
    }
    if (interval.state !== 'on_call' || !interval.ended_at) continue;
    const next = rows.slice(i + 1).find((r) => r.user_id === interval.user_id && r.state === 'available');
    if (next) backToAvailable.push(next.started_at.getTime() - interval.ended_at.getTime());
  }
  const line = (name: string, values: number[]) =>
    `${name} n=${values.length} p50 ${seconds(percentile(values, 50))} s, p95 ${seconds(percentile(values, 95))} s, max ${seconds(Math.max(0, ...values))} s`;
  console.log('  server agent states during the load:');
  for (const [state, values] of byState) console.log(`    ${line(state, values)}`);
  console.log(`    ${line('call end -> available', backToAvailable)}`);
  if (busyAt.length === 0) return;
  // Where every agent was when a call was turned away busy: summed over the busy calls.
  const seen = new Map<string, number>();
  for (const at of busyAt) {
    for (const r of rows) {
      const end = r.ended_at?.getTime() ?? Number.POSITIVE_INFINITY;
      if (r.started_at.getTime() <= at && at < end) seen.set(r.state, (seen.get(r.state) ?? 0) + 1);
    }
  }
  const average = [...seen].map(([state, n]) => `${state} ${(n / busyAt.length).toFixed(1)}`).join(', ');
  console.log(`    agents by state at the ${busyAt.length} busy answers (average): ${average}`);
}

/**
 * SIP_BENCH_TRACE=1: one line per call, times in seconds from the first INVITE: the INVITE, each
 * server interval carrying its Call-ID (state@start-end), and sipp's final answer.
 */
export async function printCallTrace(
  pool: Pool,
  calls: readonly { callId: string; inviteSentAt: number; finalStatus: number | null }[],
): Promise<void> {
  const from = calls[0]?.inviteSentAt;
  if (from === undefined) return;
  const { rows } = await pool.query<Interval & { username: string }>(
    `SELECT h.user_id, u.username, h.call_id, h.state, h.started_at, h.ended_at
       FROM agent_state_history h JOIN users u ON u.id = h.user_id
      WHERE h.call_id = ANY($1) ORDER BY h.started_at, h.id`,
    [calls.map((c) => c.callId.slice(0, 64))],
  );
  const at = (d: Date | null) => (d ? seconds(d.getTime() - from) : '-');
  for (const call of calls) {
    const steps = rows
      .filter((r) => r.call_id === call.callId.slice(0, 64))
      .map((r) => `${r.username} ${r.state}@${at(r.started_at)}-${at(r.ended_at)}`);
    console.log(`    ${seconds(call.inviteSentAt - from)} ${call.finalStatus ?? '-'} ${steps.join(', ')}`);
  }
}
