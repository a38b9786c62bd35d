// The center's figures for one day (issue 13, `GET /api/v1/queue/metrics`), exactly as the header
// of src/shared/queue/metrics.ts defines them:
// - calls (queue_calls) count in the interval in which they entered the queue;
// - agent time (agent_state_history, offline never counted) is cut at interval edges: each interval
//   of state time is split over the buckets it spans (generate_series over bucket numbers, then the
//   overlap of each bucket with it);
// - a call is handled in the interval its operator answered it: the start of its first on_call
//   interval that day, once per agent and call (hold stays on_call, so it is one interval);
// - appeals count by their registration instant (appeals.created_at).
// Four statements run at once on the pool, each reading only the day (indexes: queue_calls_entered,
// appeals_list, agent_state_history_started and the range index of migration 065).
import type {
  CallFigures,
  CategoryGroupCount,
  DayMetrics,
  IntervalMetrics,
  OperatorMetrics,
} from '../../shared/queue/metrics';
import { UUID_PATTERN } from '../../shared/domain/storable';
import type { Queryable } from '../db/pool';
import { OTHER_GROUP, type GroupTree } from './categoryGroups';

export interface DayMetricsRequest {
  /** YYYY-MM-DD in `timeZone`. */
  day: string;
  timeZone: string;
  intervalMinutes: number;
  thresholdSeconds: number;
  /** The instant the figures are as of: open state intervals and waiting callers count up to it. */
  asOf: Date;
  groups: GroupTree;
}

/** Sums of one bucket (an interval or the day): the figures are computed from them. */
interface Sums {
  offered: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  failed: number;
  within: number;
  answerWait: number;
  abandonedWait: number;
  longest: number | null;
  handled: number;
  ringing: number;
  onCall: number;
  wrapUp: number;
  available: number;
}

const emptySums = (): Sums => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  timedOut: 0,
  failed: 0,
  within: 0,
  answerWait: 0,
  abandonedWait: 0,
  longest: null,
  handled: 0,
  ringing: 0,
  onCall: 0,
  wrapUp: 0,
  available: 0,
});

/** Seconds to the millisecond: sums of float seconds carry noise below it. */
const sec = (n: number): number => Math.round(n * 1000) / 1000;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, part / whole) : null);
const mean = (sum: number, n: number): number | null => (n > 0 ? sec(sum / n) : null);

function figures(s: Sums): CallFigures {
  const left = s.answered + s.abandoned + s.timedOut + s.failed;
  const busy = s.ringing + s.onCall + s.wrapUp;
  return {
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    timedOut: s.timedOut,
    failed: s.failed,
    answeredWithinThreshold: s.within,
    serviceLevel: ratio(s.within, left),
    asaSeconds: mean(s.answerWait, s.answered),
    abandonedWaitSeconds: mean(s.abandonedWait, s.abandoned),
    longestWaitSeconds: s.longest === null ? null : sec(s.longest),
    ahtSeconds: mean(s.onCall + s.wrapUp, s.handled),
    talkSeconds: sec(s.onCall),
    wrapUpSeconds: sec(s.wrapUp),
    occupancy: ratio(busy, busy + s.available),
  };
}

function add(into: Sums, from: Sums): void {
  for (const key of Object.keys(into) as (keyof Sums)[]) {
    if (key === 'longest') {
      if (from.longest !== null) into.longest = Math.max(into.longest ?? 0, from.longest);
    } else into[key] += from[key];
  }
}

const STATE_SUM = {
  ringing: 'ringing',
  on_call: 'onCall',
  wrap_up: 'wrapUp',
  available: 'available',
} as const;

interface Bounds {
  start: Date;
  end: Date;
  week_start: Date;
  week_end: Date;
}

/** Midnight to midnight of the day, and of the same weekday a week before, in the center's zone. */
async function dayBounds(db: Queryable, day: string, timeZone: string): Promise<Bounds> {
  const { rows } = await db.query<Bounds>(
    `SELECT $1::date::timestamp AT TIME ZONE $2 AS start,
            ($1::date + 1)::timestamp AT TIME ZONE $2 AS end,
            ($1::date - 7)::timestamp AT TIME ZONE $2 AS week_start,
            ($1::date - 6)::timestamp AT TIME ZONE $2 AS week_end`,
    [day, timeZone],
  );
  return rows[0]!;
}

interface CallRow {
  i: number;
  offered: number;
  answered: number;
  abandoned: number;
  timed_out: number;
  failed: number;
  within: number;
  answer_wait: number;
  abandoned_wait: number;
  longest: number | null;
}

// Seconds are float8 (date_part), not numeric (extract): the same values at a fraction of the cost.
// $1, $2: the day; $3: its start as epoch seconds; $4: the interval's seconds; $5: the threshold;
// $6: asOf.
const CALLS_SQL = `
  SELECT floor((date_part('epoch', entered_at) - $3::float8) / $4::float8)::int AS i,
         count(*)::int AS offered,
         count(*) FILTER (WHERE state = 'answered')::int AS answered,
         count(*) FILTER (WHERE state = 'abandoned')::int AS abandoned,
         count(*) FILTER (WHERE state = 'timed_out')::int AS timed_out,
         count(*) FILTER (WHERE state = 'failed')::int AS failed,
         count(*) FILTER (WHERE state = 'answered'
                            AND answered_at <= entered_at + make_interval(secs => $5::float8))::int AS within,
         coalesce(sum(greatest(0, date_part('epoch', answered_at) - date_part('epoch', entered_at)))
                  FILTER (WHERE state = 'answered'), 0) AS answer_wait,
         coalesce(sum(greatest(0, date_part('epoch', left_at) - date_part('epoch', entered_at)))
                  FILTER (WHERE state = 'abandoned'), 0) AS abandoned_wait,
         max(greatest(0, date_part('epoch', coalesce(answered_at, left_at, $6::timestamptz))
                         - date_part('epoch', entered_at))) AS longest
    FROM queue_calls
   WHERE entered_at >= $1 AND entered_at < $2
   GROUP BY 1`;

interface TimeRow {
  /** GROUPING(bs, be, user_id): 1 the intervals by the buckets of their two ends, 6 the operators. */
  g: 1 | 6;
  state: keyof typeof STATE_SUM | 'break';
  bs: number | null;
  be: number | null;
  user_id: string | null;
  n: number;
  /** Sums of the intervals' starts and ends (seconds from the day's start). */
  ss: number;
  se: number;
  /** Intervals of the group that began that day. */
  started: number;
}

// One pass over the state intervals that overlap the day (the range index of migration 065), in
// seconds from the day's start, clipped to the day and to asOf. Cutting them at interval edges
// needs no row per bucket: the intervals are counted and their starts and ends summed by the
// buckets their two ends fall in (agentTime below turns that into each bucket's time), and the
// operators' sums come from the same rows (GROUPING SETS).
// $1, $2: the day; $3: the interval's seconds; $4: the start as epoch seconds; $5: the day's
// length; $6: asOf from the start; $7: asOf.
const TIME_SQL = `
  SELECT grouping(bs, be, user_id) AS g, state, bs, be, user_id, count(*)::int AS n,
         sum(s) AS ss, sum(e) AS se, count(*) FILTER (WHERE s0 >= 0 AND s0 < $5::float8)::int AS started
    FROM (SELECT user_id, state, s0, s, e, floor(s / $3::float8)::int AS bs, floor(e / $3::float8)::int AS be
            FROM (SELECT user_id, state, s0, greatest(s0, 0) AS s, least(e0, $6::float8, $5::float8) AS e
                    FROM (SELECT user_id, state, date_part('epoch', started_at) - $4::float8 AS s0,
                                 date_part('epoch', coalesce(ended_at, $7::timestamptz)) - $4::float8 AS e0
                            FROM agent_state_history
                           WHERE state <> 'offline'
                             AND tstzrange(started_at, ended_at) && tstzrange($1::timestamptz, $2::timestamptz)) r
                 ) c
           WHERE e > s) h
   GROUP BY GROUPING SETS ((state, bs, be), (user_id, state))`;

interface HandledRow {
  i: number | null;
  user_id: string | null;
  n: number;
}

// Handled calls: per agent and call, the first on_call interval that began that day (its answer);
// the covering index of migration 067 reads only the day's on_call intervals.
// $1, $2: the day; $3: the interval's seconds; $4: the start as epoch seconds; $5: asOf.
const HANDLED_SQL = `
  SELECT i, user_id, count(*)::int AS n
    FROM (SELECT user_id, floor((date_part('epoch', min(started_at)) - $4::float8) / $3::float8)::int AS i
            FROM agent_state_history
           WHERE state = 'on_call' AND started_at >= $1 AND started_at < $2 AND started_at <= $5
           GROUP BY user_id, coalesce(call_id, claimed_call_id, id::text)) a
   GROUP BY GROUPING SETS ((i), (user_id))`;

/**
 * Each bucket's state seconds from the intervals' start (+1, +s) and end (-1, -e) points summed per
 * bucket: the time spent before an edge x is x * (starts - ends before x) - (sum of those starts -
 * sum of those ends), and a bucket's time is the difference at its two edges. A point on an edge
 * belongs to the later bucket, where it adds nothing to the earlier edge either way.
 */
export function agentTime(
  points: { b: number; n: number; t: number }[],
  count: number,
  step: number,
): number[] {
  const n = new Array<number>(count + 1).fill(0);
  const t = new Array<number>(count + 1).fill(0);
  for (const p of points) {
    const b = Math.min(Math.max(p.b, 0), count);
    n[b]! += p.n;
    t[b]! += p.t;
  }
  const seconds: number[] = [];
  let open = 0;
  let sum = 0;
  let before = 0;
  for (let i = 0; i < count; i++) {
    open += n[i]!;
    sum += t[i]!;
    // Points at or after the edge (i + 1) * step are in later buckets; those in bucket i are before it.
    const at = (i + 1) * step * open - sum;
    seconds.push(at - before);
    before = at;
  }
  return seconds;
}

interface AppealRow {
  kind: 'operator' | 'group';
  key: string;
  day: number;
  week_before: number;
}

// One pass over the two days' appeals: by registering operator (the day) and by category (both
// days); the few category rows then find their groups.
const APPEALS_SQL = `
  WITH a AS (
    SELECT grouping(operator_id, category_id) AS g, operator_id, category_id,
           count(*) FILTER (WHERE created_at >= $1)::int AS day,
           count(*) FILTER (WHERE created_at < $4)::int AS week_before
      FROM appeals
     WHERE (created_at >= $1 AND created_at < $2) OR (created_at >= $3 AND created_at < $4)
     GROUP BY GROUPING SETS ((operator_id), (category_id))
  )
  SELECT 'operator' AS kind, operator_id AS key, day, 0 AS week_before FROM a WHERE g = 1 AND day > 0
  UNION ALL
  SELECT 'group', coalesce(c.group_id, ''), sum(a.day)::int, sum(a.week_before)::int
    FROM a LEFT JOIN categories c ON c.id = a.category_id
   WHERE a.g = 2
   GROUP BY 2`;

export async function dayMetrics(db: Queryable, request: DayMetricsRequest): Promise<DayMetrics> {
  const { day, timeZone, intervalMinutes, thresholdSeconds, asOf, groups } = request;
  const bounds = await dayBounds(db, day, timeZone);
  const step = intervalMinutes * 60;
  const startMs = bounds.start.getTime();
  const endMs = bounds.end.getTime();
  const count = Math.ceil((endMs - startMs) / (step * 1000));
  const startEpoch = startMs / 1000;
  const asOfFromStart = (asOf.getTime() - startMs) / 1000;

  const [calls, time, handled, appeals] = await Promise.all([
    db.query<CallRow>(CALLS_SQL, [bounds.start, bounds.end, startEpoch, step, thresholdSeconds, asOf]),
    db.query<TimeRow>(TIME_SQL, [
      bounds.start,
      bounds.end,
      step,
      startEpoch,
      (endMs - startMs) / 1000,
      asOfFromStart,
      asOf,
    ]),
    db.query<HandledRow>(HANDLED_SQL, [bounds.start, bounds.end, step, startEpoch, asOf]),
    db.query<AppealRow>(APPEALS_SQL, [bounds.start, bounds.end, bounds.week_start, bounds.week_end]),
  ]);

  const buckets = Array.from({ length: count }, emptySums);
  const inDay = (i: number | null): i is number => i !== null && i >= 0 && i < count;
  for (const r of calls.rows) {
    if (!inDay(r.i)) continue;
    Object.assign(buckets[r.i]!, {
      offered: r.offered,
      answered: r.answered,
      abandoned: r.abandoned,
      timedOut: r.timed_out,
      failed: r.failed,
      within: r.within,
      answerWait: r.answer_wait,
      abandonedWait: r.abandoned_wait,
      longest: r.longest,
    });
  }

  interface OperatorSums {
    calls: number;
    onCall: number;
    wrapUp: number;
    breaks: number;
    breakSeconds: number;
    appeals: number;
  }
  const operators = new Map<string, OperatorSums>();
  const operator = (id: string): OperatorSums => {
    let o = operators.get(id);
    if (!o) {
      o = { calls: 0, onCall: 0, wrapUp: 0, breaks: 0, breakSeconds: 0, appeals: 0 };
      operators.set(id, o);
    }
    return o;
  };

  // Each state's points: an interval's start (+1, +s) and end (-1, -e) in the buckets they fall in.
  const points = new Map<TimeRow['state'], { b: number; n: number; t: number }[]>();
  const pointsOf = (state: TimeRow['state']) => {
    let list = points.get(state);
    if (!list) points.set(state, (list = []));
    return list;
  };
  for (const r of time.rows) {
    if (r.g === 1) {
      const list = pointsOf(r.state);
      list.push({ b: r.bs!, n: r.n, t: r.ss }, { b: r.be!, n: -r.n, t: -r.se });
    } else {
      const o = operator(r.user_id!);
      const seconds = r.se - r.ss;
      if (r.state === 'on_call') o.onCall += seconds;
      else if (r.state === 'wrap_up') o.wrapUp += seconds;
      else if (r.state === 'break') {
        o.breakSeconds += seconds;
        o.breaks += r.started;
      }
    }
  }
  for (const [state, list] of points) {
    if (state === 'break') continue;
    agentTime(list, count, step).forEach((seconds, i) => {
      buckets[i]![STATE_SUM[state]] += seconds;
    });
  }
  for (const r of handled.rows) {
    if (r.user_id !== null) operator(r.user_id).calls += r.n;
    else if (inDay(r.i)) buckets[r.i]!.handled += r.n;
  }

  const groupCounts = new Map<string, { day: number; weekBefore: number }>(
    groups.top.map((g) => [g.id, { day: 0, weekBefore: 0 }]),
  );
  for (const r of appeals.rows) {
    if (r.kind === 'operator') {
      // operator_id is the registering user's id as text; anything else names no account.
      if (UUID_PATTERN.test(r.key)) operator(r.key).appeals += r.day;
      continue;
    }
    const top = groups.topOf(r.key || OTHER_GROUP);
    const g = groupCounts.get(top) ?? { day: 0, weekBefore: 0 };
    g.day += r.day;
    g.weekBefore += r.week_before;
    groupCounts.set(top, g);
  }

  const totals = emptySums();
  const intervals: IntervalMetrics[] = buckets.map((b, i) => {
    add(totals, b);
    return {
      start: new Date(startMs + i * step * 1000).toISOString(),
      end: new Date(Math.min(endMs, startMs + (i + 1) * step * 1000)).toISOString(),
      ...figures(b),
    };
  });

  const ids = [...operators.keys()];
  const { rows: users } = await db.query<{ id: string; username: string; name: string }>(
    'SELECT id::text, username, name FROM users WHERE id = ANY($1::uuid[]) ORDER BY username',
    [ids],
  );
  const operatorMetrics: OperatorMetrics[] = users.map((u) => {
    const o = operators.get(u.id)!;
    return {
      userId: u.id,
      username: u.username,
      name: u.name,
      calls: o.calls,
      ahtSeconds: mean(o.onCall + o.wrapUp, o.calls),
      breaks: o.breaks,
      breakSeconds: sec(o.breakSeconds),
      appealsRegistered: o.appeals,
    };
  });

  const names = new Map(groups.top.map((g, order) => [g.id, { name: g.name, order }]));
  const categoryGroups: CategoryGroupCount[] = [...groupCounts.entries()]
    .map(([groupId, c]) => ({ groupId, name: names.get(groupId)?.name ?? groupId, ...c }))
    .sort(
      (a, b) =>
        b.day - a.day ||
        b.weekBefore - a.weekBefore ||
        (names.get(a.groupId)?.order ?? Infinity) - (names.get(b.groupId)?.order ?? Infinity) ||
        a.groupId.localeCompare(b.groupId),
    );

  return {
    day,
    timeZone,
    intervalMinutes,
    thresholdSeconds,
    intervals,
    totals: figures(totals),
    operators: operatorMetrics,
    categoryGroups,
    asOf: asOf.toISOString(),
  };
}
