// The queue as a team lead sees it (QueueSnapshot, src/shared/queue/queue.ts): the callers in the
// order they will be served, and today's figures with the definitions of src/shared/queue/metrics.ts
// (calls counted on the day they entered the queue, in the center's time zone).
import type { QueueEntry, QueueSnapshot } from '../../shared/queue/queue';
import type { Queryable } from '../db/pool';
import { withPositions } from './pairing';

interface EntryRow {
  id: string;
  queue: string;
  priority: number;
  priority_reason: QueueEntry['priorityReason'];
  caller_masked: string | null;
  entered_at: Date;
  arrivedAt: Date;
  state: 'waiting' | 'offered';
  offered_to: string | null;
}

interface TodayRow {
  offered: string;
  answered: string;
  abandoned: string;
  timed_out: string;
  failed: string;
  within: string;
  asa: number | null;
  as_of: Date;
}

export async function readQueueSnapshot(
  db: Queryable,
  { timeZone, thresholdSeconds }: { timeZone: string; thresholdSeconds: number },
): Promise<QueueSnapshot> {
  const [entries, today] = await Promise.all([
    db.query<EntryRow>(
      `SELECT q.id::text, q.queue, q.priority, q.priority_reason, q.caller_masked, q.entered_at,
              q.arrived_at AS "arrivedAt", q.state,
              CASE WHEN q.state = 'offered' THEN u.username END AS offered_to
         FROM queue_calls q LEFT JOIN users u ON u.id = q.operator_id
        WHERE q.state IN ('waiting', 'offered')
        ORDER BY q.queue, q.priority DESC, q.arrived_at, q.id`,
    ),
    db.query<TodayRow>(
      `SELECT count(*) AS offered,
              count(*) FILTER (WHERE state = 'answered') AS answered,
              count(*) FILTER (WHERE state = 'abandoned') AS abandoned,
              count(*) FILTER (WHERE state = 'timed_out') AS timed_out,
              count(*) FILTER (WHERE state = 'failed') AS failed,
              count(*) FILTER (WHERE state = 'answered'
                                 AND answered_at - entered_at <= make_interval(secs => $2)) AS within,
              avg(extract(epoch FROM answered_at - entered_at))
                FILTER (WHERE state = 'answered')::float AS asa,
              now() AS as_of
         FROM queue_calls
        WHERE entered_at >= (date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1)`,
      [timeZone, thresholdSeconds],
    ),
  ]);
  const t = today.rows[0]!;
  const left = Number(t.answered) + Number(t.abandoned) + Number(t.timed_out) + Number(t.failed);
  const waiting = withPositions(entries.rows).map((row): QueueEntry => ({
    id: row.id,
    position: row.position,
    queue: row.queue,
    priority: row.priority,
    priorityReason: row.priority_reason,
    callerMasked: row.caller_masked,
    enteredAt: row.entered_at.toISOString(),
    state: row.state,
    offeredTo: row.offered_to,
  }));
  const longest = entries.rows.reduce<Date | null>(
    (min, row) => (min === null || row.entered_at < min ? row.entered_at : min),
    null,
  );
  return {
    waiting,
    longestWaitingSince: longest?.toISOString() ?? null,
    today: {
      offered: Number(t.offered),
      answered: Number(t.answered),
      abandoned: Number(t.abandoned),
      timedOut: Number(t.timed_out),
      serviceLevel: left === 0 ? null : Number(t.within) / left,
      thresholdSeconds,
      asaSeconds: t.asa === null ? null : Math.max(0, t.asa),
    },
    asOf: t.as_of.toISOString(),
  };
}
