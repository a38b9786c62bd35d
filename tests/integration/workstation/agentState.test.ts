// The agent state on a real encrypted store: transitions, the wrap-up timer, what a restart
// brings back, and when the state counts as published.
import { join } from 'node:path';
import { createAgent, type Agent } from '../../../src/main/agent/agentService';
import { openStore } from '../../../src/main/core/db/openStore';
import type { Store } from '../../../src/main/core/db/types';
import type { AgentStatus } from '../../../src/shared/softphone/agent';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('agent-');
let now: Date;
const clock = () => now;
let file: string;
let key: Buffer;
let store: Store;
let changes: AgentStatus[];
let timers: { fn: () => void; ms: number; cancelled: boolean }[];
let wrapUpSeconds: number;
/** Why calls cannot reach the operator (signed out, no server); null while signed in. */
let offDuty: string | null;
let agent: Agent;

function openAgent(): Agent {
  const opened = openStore({ file, key });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  return createAgent({
    store,
    clock,
    wrapUpSeconds: () => wrapUpSeconds,
    offDutyReason: () => offDuty,
    events: { emit: (event, payload) => event === 'agent:changed' && changes.push(payload as AgentStatus) },
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
}

function restart(): void {
  agent.dispose();
  store.close();
  agent = openAgent();
}

/** Runs the latest timer as if its time had come (cancelled ones would not run at all). */
function fireLatestTimer(): void {
  const timer = timers[timers.length - 1]!;
  now = new Date(now.getTime() + timer.ms);
  if (!timer.cancelled) timer.fn();
}

function set(input: Parameters<Agent['set']>[0]): AgentStatus {
  const r = agent.set(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeEach(() => {
  now = new Date('2026-11-22T10:00:00.000Z');
  file = join(tempDir(), 'agent.db');
  key = randomKey();
  changes = [];
  timers = [];
  wrapUpSeconds = 30;
  offDuty = null;
  agent = openAgent();
});
afterEach(() => {
  agent.dispose();
  store.close();
});

describe('agent state', () => {
  it('takes no state but offline while calls cannot reach the operator (signed out or no server)', () => {
    offDuty = 'Nobody is signed in: sign in to take calls';
    for (const state of [{ state: 'available' }, { state: 'break', reason: 'lunch' }] as const) {
      const refused = agent.set({ state, sipRegistered: true });
      expect(!refused.ok && refused.error).toEqual({ code: 'unauthorized', message: offDuty });
    }
    expect(agent.status().state).toEqual({ state: 'offline' });
    expect(changes).toEqual([]);
    offDuty = null;
    expect(set({ state: { state: 'available' } }).state).toEqual({ state: 'available' });
  });

  it('starts offline and follows a call into wrap-up, then back to available when the wrap-up ends', () => {
    expect(agent.status()).toEqual({
      state: { state: 'offline' },
      since: now.toISOString(),
      published: false,
      wrapUpSeconds: 30,
    });
    set({ state: { state: 'available' }, sipRegistered: true });
    set({ state: { state: 'ringing', callId: 'c1' } });
    now = new Date(now.getTime() + 4_000);
    set({ state: { state: 'on_call', callId: 'c1' } });
    now = new Date(now.getTime() + 60_000);
    // The renderer's `until` is ignored: main decides how long a wrap-up lasts.
    const wrap = set({ state: { state: 'wrap_up', until: '2030-01-01T00:00:00.000Z' } });
    expect(wrap.state).toEqual({ state: 'wrap_up', until: '2026-11-22T10:01:34.000Z' });
    expect(timers[timers.length - 1]!.ms).toBe(30_000);

    fireLatestTimer();
    expect(agent.status()).toMatchObject({
      state: { state: 'available' },
      since: '2026-11-22T10:01:34.000Z',
    });
    expect(changes.map((c) => c.state.state)).toEqual([
      'available',
      'ringing',
      'on_call',
      'wrap_up',
      'available',
    ]);
  });

  it('stays where the operator went when they leave wrap-up before it ends', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    set({ state: { state: 'wrap_up', until: now.toISOString() } });
    set({ state: { state: 'break', reason: 'lunch' } });
    fireLatestTimer();
    expect(agent.status().state).toEqual({ state: 'break', reason: 'lunch' });
  });

  it('lets the operator extend a wrap-up within the hour, and skips wrap-up when it is zero seconds', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    set({ state: { state: 'wrap_up', until: now.toISOString() } });
    const extendedTo = new Date(now.getTime() + 120_000).toISOString();
    expect(set({ state: { state: 'wrap_up', until: extendedTo } }).state).toEqual({
      state: 'wrap_up',
      until: extendedTo,
    });
    expect(timers.filter((t) => !t.cancelled)).toHaveLength(1);
    const tooLong = agent.set({ state: { state: 'wrap_up', until: '2026-11-23T10:00:00.000Z' } });
    expect(tooLong.ok).toBe(false);

    wrapUpSeconds = 0;
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c2' } });
    expect(set({ state: { state: 'wrap_up', until: now.toISOString() } }).state).toEqual({
      state: 'available',
    });
  });

  it('ends a wrap-up asked for without an end after the configured length, and keeps it when asked again', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    const wrap = set({ state: { state: 'wrap_up' } });
    expect(wrap.state).toEqual({ state: 'wrap_up', until: new Date(now.getTime() + 30_000).toISOString() });
    const before = changes.length;
    now = new Date(now.getTime() + 5_000);
    expect(set({ state: { state: 'wrap_up' } })).toEqual(wrap);
    expect(changes).toHaveLength(before);
    expect(timers.filter((t) => !t.cancelled)).toHaveLength(1);
  });

  it('refuses a break during a call with a clear error and keeps the state', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    const r = agent.set({ state: { state: 'break', reason: 'lunch' } });
    expect(!r.ok && r.error).toEqual({
      code: 'conflict',
      message:
        'Cannot change the agent state from on-call to break (lunch): a call is in progress: end it first',
    });
    expect(agent.status().state).toEqual({ state: 'on_call', callId: 'c1' });
  });

  it('comes back offline after a restart, not in the stale call, and keeps an offline since', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    now = new Date(now.getTime() + 10_000);
    restart();
    expect(agent.status()).toMatchObject({ state: { state: 'offline' }, since: '2026-11-22T10:00:10.000Z' });
    const stored = () => store.db.prepare('SELECT state, since FROM agent_state').get();
    expect(stored()).toEqual({ state: '{"state":"offline"}', since: '2026-11-22T10:00:10.000Z' });

    now = new Date(now.getTime() + 10_000);
    restart();
    expect(agent.status().since).toBe('2026-11-22T10:00:10.000Z');
  });

  it('counts as published only once the server acknowledged the current state', () => {
    set({ state: { state: 'available' } });
    agent.acknowledged({ state: 'offline' });
    expect(agent.status().published).toBe(false);
    agent.acknowledged({ state: 'available' });
    expect(agent.status().published).toBe(true);
    set({ state: { state: 'break', reason: 'meeting' } });
    expect(agent.status().published).toBe(false);
    agent.acknowledged({ state: 'break', reason: 'meeting' });
    agent.unpublished();
    expect(agent.status().published).toBe(false);
    // A registration change is news for the server even when the state is the same.
    agent.acknowledged({ state: 'break', reason: 'meeting' });
    set({ state: { state: 'break', reason: 'meeting' }, sipRegistered: true });
    expect(agent.status().published).toBe(false);
    expect(agent.presence()).toEqual({ state: { state: 'break', reason: 'meeting' }, sipRegistered: true });
  });
});
