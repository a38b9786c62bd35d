// The floor holder on virtual time: deltas, coalescing per agent, the channel going down and the
// catch-up after a reconnect, checked against a renderer that applies the events as the board does.
import type { FloorChange, FloorSnapshot } from '../../shared/queue/floor';
import type { QueueSnapshot } from '../../shared/queue/queue';
import type { AgentSnapshot, AgentState } from '../../shared/softphone/agent';
import { COALESCE_MS, createFloorHolder, type FloorHolder } from './floorHolder';

let t: number;
let timers: { at: number; fn: () => void; cancelled: boolean }[];
let changes: { at: number; change: FloorChange }[];
let floor: FloorHolder;

const BASE = Date.parse('2026-12-01T09:00:00.000Z');

function advance(ms: number): void {
  const end = t + ms;
  timers = timers.filter((x) => !x.cancelled);
  for (;;) {
    const due = timers.filter((x) => !x.cancelled && x.at <= end).sort((a, b) => a.at - b.at)[0];
    if (!due) break;
    t = due.at;
    due.cancelled = true;
    due.fn();
  }
  t = end;
}

beforeEach(() => {
  t = 0;
  timers = [];
  changes = [];
  floor = createFloorHolder({
    events: {
      emit: (event, payload) =>
        event === 'floor:changed' && changes.push({ at: t, change: payload as FloorChange }),
    },
    clock: () => new Date(BASE + t),
    now: () => t,
    setTimer: (fn, ms) => {
      const timer = { at: t + ms, fn, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
});

const agent = (n: number, state: AgentState = { state: 'available' }, sinceMs = 0): AgentSnapshot => ({
  userId: `u${n}`,
  username: `operator${n}`,
  name: `Operator ${n}`,
  state,
  since: new Date(BASE + sinceMs).toISOString(),
  sipRegistered: true,
  connected: true,
});

const queue = (waiting: number, asOfMs: number): QueueSnapshot => ({
  waiting: Array.from({ length: waiting }, (_, i) => ({
    id: String(i + 1),
    position: i + 1,
    queue: 'hotline',
    priority: 0,
    priorityReason: null,
    callerMasked: '•••4567',
    enteredAt: new Date(BASE).toISOString(),
    state: 'waiting' as const,
    offeredTo: null,
  })),
  longestWaitingSince: waiting > 0 ? new Date(BASE).toISOString() : null,
  today: {
    offered: 0,
    answered: 0,
    abandoned: 0,
    timedOut: 0,
    serviceLevel: null,
    thresholdSeconds: 20,
    asaSeconds: null,
  },
  asOf: new Date(BASE + asOfMs).toISOString(),
});

/** The board's copy: the snapshot once, then every event applied; optionally re-read at live: true. */
function renderer(rereadOnLive: boolean) {
  let view: FloorSnapshot = floor.snapshot();
  let seen = changes.length;
  return {
    catchUp() {
      for (const { change } of changes.slice(seen)) {
        if (change.kind === 'agent') {
          const rest = view.agents.filter((a) => a.userId !== change.agent.userId);
          view = { ...view, agents: [...rest, change.agent] };
        } else if (change.kind === 'queue') view = { ...view, queue: change.queue };
        else {
          view = { ...view, live: change.live };
          if (change.live && rereadOnLive) view = floor.snapshot();
        }
      }
      seen = changes.length;
      return view;
    },
  };
}

const byId = (agents: AgentSnapshot[]) => [...agents].sort((a, b) => a.userId.localeCompare(b.userId));
const agentEvents = () => changes.filter((c) => c.change.kind === 'agent');

describe('the floor holder', () => {
  it('takes the agent list, then each change and the queue, and says when it is live', () => {
    expect(floor.snapshot()).toMatchObject({ agents: [], queue: null, live: false });
    floor.message({ type: 'agents', agents: [agent(1), agent(2)] });
    expect(changes.map((c) => c.change)).toEqual([
      { kind: 'agent', agent: agent(1) },
      { kind: 'agent', agent: agent(2) },
      { kind: 'live', live: true },
    ]);

    changes = [];
    const onBreak = agent(1, { state: 'break', reason: 'lunch' }, 5_000);
    floor.message({ type: 'agent.changed', agent: onBreak });
    // The same snapshot again, or one older than the state held, changes nothing.
    advance(200);
    floor.message({ type: 'agent.changed', agent: onBreak });
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'available' }, 1_000) });
    floor.message({ type: 'queue', queue: queue(3, 10_000) });
    floor.message({ type: 'queue', queue: queue(1, 9_000) });
    expect(changes.map((c) => c.change)).toEqual([
      { kind: 'agent', agent: onBreak },
      { kind: 'queue', queue: queue(3, 10_000) },
    ]);
    const snap = floor.snapshot();
    expect(snap.live).toBe(true);
    expect(byId(snap.agents)).toEqual([onBreak, agent(2)]);
    expect(snap.queue).toEqual(queue(3, 10_000));
  });

  it('counts the snapshot’s time on the server’s clock, and keeps the time of the drop while down', () => {
    floor.message({ type: 'agents', agents: [agent(1)] });
    // The server's clock runs 5 s ahead of this one.
    floor.message({ type: 'queue', queue: queue(0, t + 5_000) });
    advance(1_000);
    expect(floor.snapshot().asOf).toBe(new Date(BASE + 6_000).toISOString());
    floor.down();
    advance(60_000);
    expect(floor.snapshot()).toMatchObject({ live: false, asOf: new Date(BASE + 6_000).toISOString() });
  });

  it('sends an agent’s first change at once and folds the next ones within 100 ms into one, never later', () => {
    floor.message({ type: 'agents', agents: [agent(1), agent(2)] });
    changes = [];
    advance(500);
    const start = t;
    const states: AgentState[] = [
      { state: 'ringing', callId: 'c1' },
      { state: 'on_call', callId: 'c1' },
      { state: 'wrap_up', until: new Date(BASE + 60_000).toISOString() },
      { state: 'available' },
    ];
    states.forEach((state, i) => {
      floor.message({ type: 'agent.changed', agent: agent(1, state, 600 + i) });
      advance(10);
    });
    // Another agent's change is not held back by the first one's window.
    floor.message({ type: 'agent.changed', agent: agent(2, { state: 'break', reason: 'personal' }, 700) });
    advance(500);
    expect(changes.map((c) => [c.at - start, c.change.kind === 'agent' && c.change.agent.userId])).toEqual([
      [0, 'u1'],
      [40, 'u2'],
      [COALESCE_MS, 'u1'],
    ]);
    expect(changes[2]!.change).toEqual({ kind: 'agent', agent: agent(1, { state: 'available' }, 603) });
  });

  it('keeps the event rate sane with 200 agents each changing every 20 ms', () => {
    const agents = Array.from({ length: 200 }, (_, i) => agent(i));
    floor.message({ type: 'agents', agents });
    changes = [];
    /** When each agent's latest change arrived, and whether the board has it yet. */
    const pendingSince = new Map<string, number>();
    let worstDelay = 0;
    let received = 0;
    // 2 s: every agent changes every 20 ms (a new `since` each time), the agents spread over the 20 ms.
    for (let step = 0; step < 2_000; step += 5) {
      const seen = changes.length;
      for (const a of agents) {
        if ((Number(a.userId.slice(1)) % 4) * 5 !== step % 20) continue;
        floor.message({ type: 'agent.changed', agent: { ...a, since: new Date(BASE + step).toISOString() } });
        received++;
        if (!pendingSince.has(a.userId)) pendingSince.set(a.userId, t);
      }
      advance(5);
      for (const { at, change } of changes.slice(seen)) {
        if (change.kind !== 'agent') continue;
        worstDelay = Math.max(worstDelay, at - pendingSince.get(change.agent.userId)!);
        pendingSince.delete(change.agent.userId);
      }
    }
    advance(1_000);
    expect(received).toBe(20_000);
    // At most one event per agent per 100 ms window (plus the first): 200 * (2 s / 100 ms + 1).
    expect(agentEvents().length).toBeLessThanOrEqual(200 * 21);
    expect(worstDelay).toBeLessThanOrEqual(COALESCE_MS);
    console.info(
      `floor: ${received} changes -> ${agentEvents().length} events, worst delay ${worstDelay} ms`,
    );
    const last = new Map(agentEvents().map((c) => [(c.change as { agent: AgentSnapshot }).agent.userId, c]));
    for (const a of floor.snapshot().agents)
      expect((last.get(a.userId)!.change as { agent: AgentSnapshot }).agent).toEqual(a);
  });

  it('after a network drop, a board that missed the deltas ends up identical to the server', () => {
    floor.message({ type: 'agents', agents: [agent(1), agent(2), agent(3)] });
    const board = renderer(true);
    const deltasOnly = renderer(false);
    // A change is held back inside its window when the channel drops: it goes out with the drop.
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'break', reason: 'lunch' }, 100) });
    advance(20);
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'available' }, 120) });
    floor.down();
    expect(changes.slice(-2).map((c) => c.change)).toEqual([
      { kind: 'agent', agent: agent(1, { state: 'available' }, 120) },
      { kind: 'live', live: false },
    ]);
    expect(board.catchUp().live).toBe(false);

    // Meanwhile on the server: operator 1 went on a break, operator 3's account was disabled, 4 signed in.
    advance(30_000);
    const server = [agent(1, { state: 'break', reason: 'meeting' }, 20_000), agent(2), agent(4)];
    const before = changes.length;
    floor.message({ type: 'agents', agents: server });
    expect(changes.slice(before).map((c) => c.change)).toEqual([
      { kind: 'agent', agent: server[0] },
      { kind: 'agent', agent: server[2] },
      { kind: 'live', live: true },
    ]);
    const caught = board.catchUp();
    expect(caught.live).toBe(true);
    expect(byId(caught.agents)).toEqual(byId(server));
    expect(byId(floor.snapshot().agents)).toEqual(byId(server));
    // Deltas alone bring every agent the server lists up to date; only the removal needs the re-read.
    const fromDeltas = deltasOnly.catchUp();
    expect(byId(fromDeltas.agents).filter((a) => a.userId !== 'u3')).toEqual(byId(server));
  });

  it('drops a change still held back when the full list arrives, so it cannot overwrite the list', () => {
    floor.message({ type: 'agents', agents: [agent(1)] });
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'break', reason: 'lunch' }, 100) });
    advance(10);
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'available' }, 110) });
    floor.down();
    changes = [];
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'break', reason: 'training' }, 200) });
    advance(10);
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'available' }, 210) });
    const current = agent(1, { state: 'available' }, 300);
    floor.message({ type: 'agents', agents: [current] });
    advance(1_000);
    expect(changes.at(-2)!.change).toEqual({ kind: 'agent', agent: current });
    expect(changes.at(-1)!.change).toEqual({ kind: 'live', live: true });
  });

  it('converges on the server after random deltas, drops and reconnects (seeded)', () => {
    let seed = 13;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const server = new Map<string, AgentSnapshot>();
    for (let i = 0; i < 20; i++) server.set(`u${i}`, agent(i));
    floor.message({ type: 'agents', agents: [...server.values()] });
    const board = renderer(true);
    let connected = true;
    for (let step = 1; step <= 3_000; step++) {
      const r = random();
      if (r < 0.02) {
        if (connected) floor.down();
        else floor.message({ type: 'agents', agents: [...server.values()] });
        connected = !connected;
      } else {
        const n = Math.floor(random() * 25);
        const id = `u${n}`;
        if (r < 0.03 && server.has(id)) server.delete(id);
        else {
          const states: AgentState[] = [
            { state: 'available' },
            { state: 'break', reason: 'lunch' },
            { state: 'offline' },
          ];
          server.set(id, agent(n, states[Math.floor(random() * 3)]!, step));
        }
        if (connected && server.has(id)) floor.message({ type: 'agent.changed', agent: server.get(id)! });
      }
      advance(Math.floor(random() * 30));
      if (step % 97 === 0) board.catchUp();
    }
    if (!connected) floor.message({ type: 'agents', agents: [...server.values()] });
    else {
      floor.down();
      floor.message({ type: 'agents', agents: [...server.values()] });
    }
    advance(COALESCE_MS);
    const view = board.catchUp();
    expect(view.live).toBe(true);
    expect(byId(view.agents)).toEqual(byId([...server.values()]));
  });

  it('forgets the floor at reset (sign-out) and sends nothing held back', () => {
    floor.message({ type: 'agents', agents: [agent(1)] });
    floor.message({ type: 'queue', queue: queue(2, 0) });
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'offline' }, 10) });
    floor.message({ type: 'agent.changed', agent: agent(1, { state: 'available' }, 20) });
    const count = changes.length;
    floor.reset();
    advance(1_000);
    expect(changes).toHaveLength(count);
    expect(floor.snapshot()).toMatchObject({ agents: [], queue: null, live: false });
  });
});
