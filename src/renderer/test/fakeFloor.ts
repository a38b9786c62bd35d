// Main's side of the floor channels for UI tests (issue 13): the lead's floor snapshot, setting an
// agent's state (refused during a call, as the server refuses, and online only), and the day's
// figures; plus small factories of agents, queue snapshots and day metrics.
import type { ChannelOutput } from '../../shared/ipc/contract';
import type { DayMetrics, IntervalMetrics, CallFigures } from '../../shared/queue/metrics';
import type { QueueEntry, QueueSnapshot } from '../../shared/queue/queue';
import type { AgentSnapshot } from '../../shared/softphone/agent';
import { fail, ok } from '../../shared/result';
import type { FakeHandlers } from './fakeApi';

export interface FakeFloorOptions {
  agents?: AgentSnapshot[];
  queue?: QueueSnapshot | null;
  live?: boolean;
  /** The figures of each day (YYYY-MM-DD); `today` answers a request without a day. */
  days?: Record<string, DayMetrics>;
  today?: string;
  /** The server cannot be reached: setting a state and the day's figures are refused as main does. */
  offline?: boolean;
}

export interface FakeFloor {
  handlers: Pick<FakeHandlers, 'floor:snapshot' | 'floor:setAgentState' | 'metrics:day'>;
  agents: () => AgentSnapshot[];
  setOffline: (offline: boolean) => void;
}

export function fakeFloorHandlers(
  options: FakeFloorOptions,
  emit: (event: string, payload: unknown) => void,
): FakeFloor {
  const agents = new Map((options.agents ?? []).map((a) => [a.userId, a]));
  let offline = options.offline ?? false;
  const handlers: FakeFloor['handlers'] = {
    'floor:snapshot': () =>
      ok({
        agents: [...agents.values()],
        queue: options.queue ?? null,
        live: options.live ?? true,
        asOf: new Date().toISOString(),
      }),
    'floor:setAgentState': ({ userId, state }) => {
      if (offline)
        return fail('conflict', 'The server cannot be reached: an agent’s state is set online only', [
          { path: '', code: 'offline', message: 'offline' },
        ]);
      const agent = agents.get(userId);
      if (!agent) return fail('not_found', 'No agent with this id');
      if (agent.state.state === 'ringing' || agent.state.state === 'on_call') {
        const message =
          'The agent is on a call: a call in progress is never broken; set the state once it ends';
        return fail('conflict', message, [{ path: '', code: 'call_in_progress', message }]);
      }
      const next: AgentSnapshot = { ...agent, state, since: new Date().toISOString() };
      agents.set(userId, next);
      // The board hears the change; the agent's own workstation (not this one) hears agent:overridden.
      queueMicrotask(() => emit('floor:changed', { kind: 'agent', agent: next }));
      return ok(next);
    },
    'metrics:day': ({ day }): ReturnType<FakeHandlers['metrics:day']> => {
      if (offline)
        return fail('conflict', 'The server cannot be reached: the center’s figures are read online only', [
          { path: '', code: 'offline', message: 'offline' },
        ]);
      const wanted = day ?? options.today ?? '2026-11-23';
      const found = options.days?.[wanted];
      return found
        ? ok(found satisfies ChannelOutput<'metrics:day'>)
        : ok(dayMetrics({ day: wanted, hours: {} }));
    },
  };
  return { handlers, agents: () => [...agents.values()], setOffline: (o) => (offline = o) };
}

const at = (ms: number) => new Date(ms).toISOString();

/** An agent on the floor; `now` anchors `since` (default: this moment). */
export function floorAgent(
  username: string,
  overrides: Partial<AgentSnapshot> = {},
  now = Date.now(),
): AgentSnapshot {
  return {
    userId: `u-${username}`,
    username,
    name: `Agent ${username}`,
    state: { state: 'available' },
    since: at(now - 60_000),
    sipRegistered: true,
    connected: true,
    role: 'operator',
    signedInAt: at(now - 3600_000),
    call: null,
    lineDownSince: null,
    ...overrides,
  };
}

/** `count` agents named op001…, every fifth on a call, every seventh on a break. */
export function floorOf(count: number, now = Date.now()): AgentSnapshot[] {
  return Array.from({ length: count }, (_, i) => {
    const username = `op${String(i + 1).padStart(3, '0')}`;
    if (i % 5 === 0)
      return floorAgent(
        username,
        {
          state: { state: 'on_call', callId: `c-${i}` },
          call: {
            direction: 'inbound',
            startedAt: at(now - 95_000),
            answeredAt: at(now - 90_000),
            otherPartyMasked: `•••${String(1000 + i).slice(-4)}`,
          },
        },
        now,
      );
    if (i % 7 === 0) return floorAgent(username, { state: { state: 'break', reason: 'lunch' } }, now);
    return floorAgent(username, {}, now);
  });
}

/** A queue snapshot with `waiting` callers (the first `offered` of them ringing an operator). */
export function queueSnapshot(
  options: {
    waiting?: number;
    offered?: number;
    longestSeconds?: number;
    today?: Partial<QueueSnapshot['today']>;
  } = {},
  now = Date.now(),
): QueueSnapshot {
  const count = options.waiting ?? 0;
  const longest = options.longestSeconds ?? 95;
  const waiting: QueueEntry[] = Array.from({ length: count }, (_, i) => ({
    id: String(100 + i),
    position: i + 1,
    queue: 'hotline',
    priority: i === 0 ? 10 : 0,
    priorityReason: i === 0 ? 'benefit' : null,
    callerMasked: `•••${String(4500 + i)}`,
    enteredAt: at(now - (longest - i * 10) * 1000),
    state: i < (options.offered ?? 0) ? 'offered' : 'waiting',
    offeredTo: i < (options.offered ?? 0) ? 'u-op002' : null,
  }));
  return {
    waiting,
    longestWaitingSince: count > 0 ? waiting[0]!.enteredAt : null,
    today: {
      offered: 120,
      answered: 104,
      abandoned: 9,
      timedOut: 1,
      serviceLevel: 0.83,
      thresholdSeconds: 20,
      asaSeconds: 14.2,
      ...options.today,
    },
    asOf: at(now),
  };
}

const emptyFigures = (): CallFigures => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  timedOut: 0,
  failed: 0,
  answeredWithinThreshold: 0,
  serviceLevel: null,
  asaSeconds: null,
  abandonedWaitSeconds: null,
  longestWaitSeconds: null,
  ahtSeconds: null,
  talkSeconds: 0,
  wrapUpSeconds: 0,
  occupancy: null,
});

/**
 * A day's figures in Kyiv (UTC+2 in winter): `hours` gives the offered, answered and abandoned calls
 * of each 15-minute interval, keyed "HH:MM" local time.
 */
export function dayMetrics(options: {
  day: string;
  hours: Record<string, [number, number, number]>;
  categoryGroups?: DayMetrics['categoryGroups'];
  operators?: DayMetrics['operators'];
}): DayMetrics {
  const midnight = Date.parse(`${options.day}T00:00:00+02:00`);
  const intervals: IntervalMetrics[] = Array.from({ length: 96 }, (_, i) => {
    const start = midnight + i * 15 * 60_000;
    const label = `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
    const [offered, answered, abandoned] = options.hours[label] ?? [0, 0, 0];
    const left = answered + abandoned;
    return {
      ...emptyFigures(),
      offered,
      answered,
      abandoned,
      answeredWithinThreshold: Math.floor(answered * 0.8),
      serviceLevel: left > 0 ? Math.floor(answered * 0.8) / left : null,
      asaSeconds: answered > 0 ? 12 : null,
      start: at(start),
      end: at(start + 15 * 60_000),
    };
  });
  const sum = (k: 'offered' | 'answered' | 'abandoned' | 'answeredWithinThreshold') =>
    intervals.reduce((n, i) => n + i[k], 0);
  const left = sum('answered') + sum('abandoned');
  return {
    day: options.day,
    timeZone: 'Europe/Kyiv',
    intervalMinutes: 15,
    thresholdSeconds: 20,
    intervals,
    totals: {
      ...emptyFigures(),
      offered: sum('offered'),
      answered: sum('answered'),
      abandoned: sum('abandoned'),
      answeredWithinThreshold: sum('answeredWithinThreshold'),
      serviceLevel: left > 0 ? sum('answeredWithinThreshold') / left : null,
      asaSeconds: sum('answered') > 0 ? 12 : null,
      ahtSeconds: sum('answered') > 0 ? 245 : null,
      occupancy: sum('answered') > 0 ? 0.72 : null,
    },
    operators: options.operators ?? [],
    categoryGroups: options.categoryGroups ?? [],
    asOf: at(midnight + 12 * 3600_000),
  };
}
