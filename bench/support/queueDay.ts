// A realistic day of the hotline's queue for the benchmarks (issue 13): `seedQueueDay` writes a day of
// hotline calls into queue_calls, the agent state history consistent with them, and optionally the
// appeals the operators registered, straight into the server's tables. Seeded: the same options give
// the same day.
//
// - Arrivals peak 9-12 and 14-17 in the center's zone (a quiet night, a dip at lunch), spread at
//   random within each quarter hour.
// - Agents work shifts (a few night agents, most 08:00-17:00 or 11:00-20:00) with a lunch and a short
//   break; a simulated FIFO queue serves each caller with the agent free earliest (longest idle first
//   among those already free): ringing 2-8 s, talk 40 s - 15 min (mean ~3 min), wrap-up 30 s.
// - A caller whose wait passes their patience (mean 90 s) hangs up (abandoned); one who waits the
//   queue's maximum is timed out; a call arriving when nobody works is failed (no_operator).
// - Each agent's history runs without gaps: offline, available, ringing, on_call, wrap_up, break,
//   and offline again after the shift, left open as the agent's current state.
import type { Pool } from '../../src/server/db/pool';
import { hashPassword } from '../../src/server/auth/password';
import { seededRandom } from './syntheticPeople';

export interface QueueDayOptions {
  /** YYYY-MM-DD in `timeZone`. */
  day: string;
  timeZone: string;
  /** Hotline calls that arrive that day (default 20,000). */
  calls?: number;
  /** Agents (operators) that work that day (default 200), created when missing. */
  agents?: number;
  /** Usernames are `${agentPrefix}NNN`; default `qday-agent-`. */
  agentPrefix?: string;
  /** The agents' password (they may sign in); default none usable. */
  password?: string;
  /**
   * An appeal the server created: each answered call registers a copy of it about half the time
   * (the operator, the category, the instant set), so the day has its appeals by category group.
   * Without it no appeals are written.
   */
  appealTemplateId?: string;
  /** Categories the appeals spread over (default: every category of the reference data). */
  categoryIds?: string[];
  /** Nothing after this instant is written (for today: a day in progress). */
  until?: Date;
  seed?: number;
  /** The queue's maximum wait (default 600 s, QUEUE_DEFAULTS). */
  maxWaitSeconds?: number;
}

export interface QueueDay {
  dayStart: Date;
  dayEnd: Date;
  agents: { id: string; username: string }[];
  calls: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  failed: number;
  historyRows: number;
  appeals: number;
}

/** Relative arrival weight of each local hour: peaks 9-12 and 14-17, a dip at lunch, a quiet night. */
const HOURLY_WEIGHT = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 8, 9, 8.5, 6, 6.5, 8.5, 9, 8, 5, 3, 2.2, 1.6, 1.1, 0.7, 0.4,
];

interface Shift {
  start: number;
  end: number;
  breaks: { at: number; seconds: number; reason: string }[];
}

const H = 3600;

function shiftOf(index: number, agents: number, rnd: () => number): Shift {
  const nightShare = Math.max(2, Math.round(agents * 0.05));
  const jitter = () => Math.floor(rnd() * 600);
  if (index < nightShare) {
    // Night: before 8:30 or after 19:30 (the day's two ends).
    return index % 2 === 0
      ? { start: 0, end: 8.5 * H, breaks: [{ at: 3 * H + jitter(), seconds: 1200, reason: 'personal' }] }
      : { start: 19.5 * H, end: 24 * H, breaks: [] };
  }
  const early = index % 5 < 3;
  const start = (early ? 8 : 11) * H + jitter();
  const end = start + 9 * H;
  return {
    start,
    end,
    breaks: [
      { at: start + 2 * H + Math.floor(rnd() * H), seconds: 600, reason: 'personal' },
      { at: start + 4 * H + Math.floor(rnd() * H), seconds: 2700, reason: 'lunch' },
      ...(rnd() < 0.2 ? [{ at: start + 6.5 * H, seconds: 1800, reason: 'training' }] : []),
    ],
  };
}

/** Talk time: log-normal around 3 minutes, within 40 s - 15 min. */
const talkSeconds = (rnd: () => number) => {
  const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.round(Math.min(900, Math.max(40, Math.exp(Math.log(160) + 0.55 * normal))));
};

interface Interval {
  userId: string;
  state: string;
  reason: string | null;
  callId: string | null;
  /** Seconds from the day's start. */
  from: number;
  to: number | null;
}

interface Call {
  callId: string;
  entered: number;
  state: 'answered' | 'abandoned' | 'timed_out' | 'failed';
  operator: string | null;
  offeredAt: number | null;
  answeredAt: number | null;
  leftAt: number;
  endCause: string | null;
  masked: string;
}

export async function seedQueueDay(pool: Pool, options: QueueDayOptions): Promise<QueueDay> {
  const rnd = seededRandom(options.seed ?? 1551);
  const callCount = options.calls ?? 20_000;
  const agentCount = options.agents ?? 200;
  const prefix = options.agentPrefix ?? 'qday-agent-';
  const maxWait = options.maxWaitSeconds ?? 600;
  const { rows: bounds } = await pool.query<{ start: Date; end: Date }>(
    `SELECT $1::date::timestamp AT TIME ZONE $2 AS start, ($1::date + 1)::timestamp AT TIME ZONE $2 AS end`,
    [options.day, options.timeZone],
  );
  const dayStart = bounds[0]!.start;
  const dayEnd = bounds[0]!.end;
  const daySeconds = (dayEnd.getTime() - dayStart.getTime()) / 1000;
  const until = options.until
    ? Math.min(daySeconds, (options.until.getTime() - dayStart.getTime()) / 1000)
    : daySeconds;

  // Agents: created once, all with one password hash (hashing 200 times would only cost time).
  const passwordHash = await hashPassword(options.password ?? `unusable-${Math.random()}`);
  const usernames = Array.from(
    { length: agentCount },
    (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`,
  );
  await pool.query(
    `INSERT INTO users (username, name, role, password_hash)
     SELECT u, 'Bench Agent ' || right(u, 3), 'operator', $2 FROM unnest($1::text[]) AS u
     ON CONFLICT (username) DO NOTHING`,
    [usernames, passwordHash],
  );
  const { rows: agentRows } = await pool.query<{ id: string; username: string }>(
    'SELECT id::text, username FROM users WHERE username = ANY($1) ORDER BY username',
    [usernames],
  );

  // Arrivals by local hour (the day's hours from its start: a clock change shifts them by one).
  const totalWeight = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);
  const arrivals: number[] = [];
  HOURLY_WEIGHT.forEach((w, hour) => {
    const n = Math.round((callCount * w) / totalWeight);
    for (let k = 0; k < n; k++) arrivals.push(hour * H + rnd() * H);
  });
  while (arrivals.length > callCount) arrivals.pop();
  while (arrivals.length < callCount) arrivals.push(10 * H + rnd() * H);
  arrivals.sort((a, b) => a - b);

  const agents = agentRows.map((a, index) => {
    const shift = shiftOf(index, agentCount, rnd);
    return {
      ...a,
      shift,
      /** When the agent can take the next call (after wrap-up and any break due). */
      freeAt: shift.start,
      nextBreak: 0,
      intervals: [] as Interval[],
    };
  });
  type Agent = (typeof agents)[number];
  const push = (
    agent: Agent,
    state: string,
    from: number,
    reason: string | null = null,
    callId: string | null = null,
  ) => {
    const last = agent.intervals.at(-1);
    if (last) last.to = from;
    agent.intervals.push({ userId: agent.id, state, reason, callId, from, to: null });
  };
  for (const agent of agents) {
    push(agent, 'offline', 0);
    push(agent, 'available', agent.shift.start);
  }
  /**
   * Breaks due by `now` (or by the end of the agent's current call) are taken: an idle agent goes at
   * the break's time, a busy one after the call's wrap-up.
   */
  const settle = (agent: Agent, now: number) => {
    for (;;) {
      const due = agent.shift.breaks[agent.nextBreak];
      if (!due) return;
      const start = Math.max(agent.freeAt, due.at);
      if (start > Math.max(now, agent.freeAt) || start >= agent.shift.end) return;
      push(agent, 'break', start, due.reason);
      agent.freeAt = start + due.seconds;
      agent.nextBreak++;
      push(agent, 'available', agent.freeAt);
    }
  };

  const calls: Call[] = [];
  arrivals.forEach((entered, i) => {
    const callId = `qday-${options.day}-${String(i).padStart(6, '0')}`;
    const masked = `•••${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
    // The earliest free agent on shift; among those already free, the longest idle.
    let best: Agent | null = null;
    for (const agent of agents) {
      settle(agent, entered);
      if (agent.freeAt >= agent.shift.end || entered >= agent.shift.end) continue;
      const at = Math.max(agent.freeAt, entered);
      if (
        !best ||
        at < Math.max(best.freeAt, entered) ||
        (at === Math.max(best.freeAt, entered) && agent.freeAt < best.freeAt)
      )
        best = agent;
    }
    const patience = -Math.log(1 - rnd()) * 90;
    if (!best) {
      calls.push({
        callId,
        entered,
        state: 'failed',
        operator: null,
        offeredAt: null,
        answeredAt: null,
        leftAt: entered,
        endCause: 'no_operator',
        masked,
      });
      return;
    }
    const offeredAt = Math.max(best.freeAt, entered);
    const ring = 2 + Math.floor(rnd() * 7);
    const answeredAt = offeredAt + ring;
    if (answeredAt - entered > Math.min(patience, maxWait)) {
      const timedOut = patience >= maxWait;
      calls.push({
        callId,
        entered,
        state: timedOut ? 'timed_out' : 'abandoned',
        operator: null,
        offeredAt: null,
        answeredAt: null,
        leftAt: entered + (timedOut ? maxWait : patience),
        endCause: timedOut ? 'max_wait' : 'caller_hung_up',
        masked,
      });
      return;
    }
    const talk = talkSeconds(rnd);
    const wrap = 30;
    push(best, 'ringing', offeredAt, null, callId);
    push(best, 'on_call', answeredAt, null, callId);
    push(best, 'wrap_up', answeredAt + talk);
    push(best, 'available', answeredAt + talk + wrap);
    best.freeAt = answeredAt + talk + wrap;
    calls.push({
      callId,
      entered,
      state: 'answered',
      operator: best.id,
      offeredAt,
      answeredAt,
      leftAt: answeredAt,
      endCause: null,
      masked,
    });
  });
  for (const agent of agents) {
    settle(agent, agent.shift.end);
    // After the shift, or after the last call's wrap-up (which may run past midnight).
    push(agent, 'offline', Math.max(agent.freeAt, agent.shift.end));
  }

  // A day in progress: only what happened by `until`; the agents are offline from then.
  const written = calls.filter((c) => c.leftAt <= until && c.entered < daySeconds);
  const intervals: Interval[] = [];
  for (const agent of agents) {
    for (const interval of agent.intervals) {
      if (interval.from >= until) break;
      const to = interval.to === null ? null : interval.to > until ? until : interval.to;
      if (to !== null && to <= interval.from && interval.state !== 'offline') continue;
      intervals.push({ ...interval, to });
    }
    const last = intervals.at(-1)!;
    if (last.to !== null)
      intervals.push({
        userId: agent.id,
        state: 'offline',
        reason: null,
        callId: null,
        from: last.to,
        to: null,
      });
  }

  const instant = (seconds: number) => new Date(dayStart.getTime() + Math.round(seconds * 1000));
  const ids = agents.map((a) => a.id);
  // A previous day's open interval (a second day seeded for the same agents) ends where this one begins.
  await pool.query(
    `UPDATE agent_state_history SET ended_at = greatest(started_at, $2) WHERE user_id = ANY($1::uuid[]) AND ended_at IS NULL`,
    [ids, dayStart],
  );
  const CHUNK = 20_000;
  for (let i = 0; i < intervals.length; i += CHUNK) {
    const part = intervals.slice(i, i + CHUNK);
    await pool.query(
      `INSERT INTO agent_state_history (user_id, state, reason, call_id, started_at, ended_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
      [
        part.map((r) => r.userId),
        part.map((r) => r.state),
        part.map((r) => r.reason),
        part.map((r) => r.callId),
        part.map((r) => instant(r.from)),
        part.map((r) => (r.to === null ? null : instant(r.to))),
      ],
    );
  }
  await pool.query(
    `INSERT INTO agents (user_id, state, since) SELECT id, '{"state": "offline"}', $2 FROM unnest($1::uuid[]) AS id
     ON CONFLICT (user_id) DO UPDATE SET state = '{"state": "offline"}', since = $2, connected = false,
       reserved_call_id = NULL, reserved_until = NULL`,
    [ids, instant(Math.min(until, daySeconds))],
  );
  for (let i = 0; i < written.length; i += CHUNK) {
    const part = written.slice(i, i + CHUNK);
    await pool.query(
      `INSERT INTO queue_calls (sip_call_id, queue, caller_masked, entered_at, state, operator_id, offered_at, offers,
                                answered_at, left_at, end_cause, pbx_boot, seen_at, updated_at)
       SELECT c, '1551', m, e, s, o, f, CASE WHEN f IS NULL THEN 0 ELSE 1 END, a, l, x, 'bench-queue-day', l, l
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::uuid[], $6::timestamptz[],
                     $7::timestamptz[], $8::timestamptz[], $9::text[]) AS t(c, m, e, s, o, f, a, l, x)
       ON CONFLICT (sip_call_id) DO NOTHING`,
      [
        part.map((c) => c.callId),
        part.map((c) => c.masked),
        part.map((c) => instant(c.entered)),
        part.map((c) => c.state),
        part.map((c) => c.operator),
        part.map((c) => (c.offeredAt === null ? null : instant(c.offeredAt))),
        part.map((c) => (c.answeredAt === null ? null : instant(c.answeredAt))),
        part.map((c) => instant(c.leftAt)),
        part.map((c) => c.endCause),
      ],
    );
  }

  let appeals = 0;
  if (options.appealTemplateId) {
    const categories =
      options.categoryIds ??
      (await pool.query<{ id: string }>('SELECT id FROM categories ORDER BY id')).rows.map((r) => r.id);
    const registered = written
      .filter((c) => c.state === 'answered' && rnd() < 0.5)
      .map((c) => ({
        operator: c.operator!,
        // Registered during the call or its wrap-up.
        at: instant(c.answeredAt! + 30 + rnd() * 120),
        // A few categories take most appeals, as in the 1551 data.
        category: categories[Math.floor(categories.length * rnd() ** 3)]!,
      }));
    const { rows: base } = await pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM appeals WHERE official_number LIKE '1551-9999-%'`,
    );
    const offset = Number(base[0]!.n);
    for (let i = 0; i < registered.length; i += CHUNK) {
      const part = registered.slice(i, i + CHUNK);
      await pool.query(
        `WITH g AS (
           SELECT gen_random_uuid() AS id, '1551-9999-' || lpad(($5::int + n)::text, 7, '0') AS num, o, a, c
             FROM unnest($2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY AS t(o, a, c, n)
         )
         INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id,
           type, status, result, version, priority, received_on, deadline_on, category_id, executor_id,
           building_key, record, created_at, updated_at)
         SELECT g.id, g.num, t.center_code, t.year, 'Q-' || g.num, t.device_id, g.o, t.type, t.status, t.result,
           t.version, t.priority, (g.a AT TIME ZONE $6)::date, (g.a AT TIME ZONE $6)::date + 30, g.c, t.executor_id,
           t.building_key,
           t.record || jsonb_build_object('id', g.id::text, 'officialNumber', g.num, 'provisionalNumber', 'Q-' || g.num,
                                          'categoryId', g.c, 'createdAt', g.a),
           g.a, g.a
           FROM g CROSS JOIN (SELECT * FROM appeals WHERE id = $1::uuid) t`,
        [
          options.appealTemplateId,
          part.map((r) => r.operator),
          part.map((r) => r.at),
          part.map((r) => r.category),
          offset + i,
          options.timeZone,
        ],
      );
    }
    appeals = registered.length;
  }

  const count = (state: Call['state']) => written.filter((c) => c.state === state).length;
  return {
    dayStart,
    dayEnd,
    agents: agentRows,
    calls: written.length,
    answered: count('answered'),
    abandoned: count('abandoned'),
    timedOut: count('timed_out'),
    failed: count('failed'),
    historyRows: intervals.length,
    appeals,
  };
}
