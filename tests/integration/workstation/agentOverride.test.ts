// A team lead's override of the agent state (live `agent.set`) on a real encrypted store: adopted
// from a break, a wrap-up or available, announced with who and why, stored and published as any
// change; a ringing or in-progress call keeps its state and nothing is announced.
import { join } from 'node:path';
import { createAgent, type Agent } from '../../../src/main/agent/agentService';
import { openStore } from '../../../src/main/core/db/openStore';
import type { Store } from '../../../src/main/core/db/types';
import type { EventName } from '../../../src/shared/ipc/contract';
import type { AgentOverride } from '../../../src/shared/queue/floor';
import type { AgentStateInput } from '../../../src/shared/softphone/agent';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('agent-override-');
let now: Date;
let file: string;
let key: Buffer;
let store: Store;
let events: [EventName, unknown][];
let presences: string[];
let agent: Agent;

function openAgent(): Agent {
  const opened = openStore({ file, key });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const a = createAgent({
    store,
    clock: () => now,
    wrapUpSeconds: () => 30,
    offDutyReason: () => null,
    events: { emit: (event, payload) => events.push([event, payload]) },
    setTimer: () => () => undefined,
  });
  a.onPresence((p) => presences.push(p.state.state));
  return a;
}

const override = (state: AgentOverride['state'], reason = 'Break ran over'): AgentOverride => ({
  state,
  reason,
  by: 'Demo Team Lead',
  at: '2026-11-22T10:30:00.000Z',
});

function set(input: AgentStateInput): void {
  const r = agent.set(input);
  if (!r.ok) throw new Error(r.error.message);
}

const announced = () => events.filter(([e]) => e === 'agent:overridden').map(([, p]) => p);

beforeEach(() => {
  now = new Date('2026-11-22T10:00:00.000Z');
  file = join(tempDir(), 'agent.db');
  key = randomKey();
  events = [];
  presences = [];
  agent = openAgent();
});
afterEach(() => {
  agent.dispose();
  store.close();
});

describe('a team lead’s override', () => {
  it('ends a forgotten break: adopted, stored, published and announced with who and why', () => {
    set({ state: { state: 'break', reason: 'lunch' }, sipRegistered: true });
    agent.acknowledged({ state: 'break', reason: 'lunch' });
    events = [];
    presences = [];
    now = new Date('2026-11-22T10:50:00.000Z');
    const o = override({ state: 'available' });
    const r = agent.override(o);
    expect(r).toMatchObject({
      ok: true,
      value: { changed: true, status: { state: { state: 'available' } } },
    });
    expect(agent.status()).toMatchObject({
      state: { state: 'available' },
      since: now.toISOString(),
      published: false,
    });
    expect(announced()).toEqual([o]);
    expect(events.map(([e]) => e)).toEqual(['agent:changed', 'agent:overridden']);
    // Published as any change: the live channel sends it on the presence listener.
    expect(presences).toEqual(['available']);
    agent.acknowledged({ state: 'available' });
    expect(agent.status().published).toBe(true);

    // Stored like any state (a restart still comes back offline, as always).
    agent.dispose();
    store.close();
    agent = openAgent();
    expect(agent.status().state).toEqual({ state: 'offline' });
  });

  it('sends an available or wrapping-up agent on a break, and signs a left desk out', () => {
    set({ state: { state: 'available' }, sipRegistered: true });
    expect(agent.override(override({ state: 'break', reason: 'meeting' }, 'Team meeting')).ok).toBe(true);
    expect(agent.status().state).toEqual({ state: 'break', reason: 'meeting' });
    set({ state: { state: 'available' } });
    set({ state: { state: 'ringing', callId: 'c1' } });
    set({ state: { state: 'on_call', callId: 'c1' } });
    set({ state: { state: 'wrap_up' } });
    expect(agent.status().state.state).toBe('wrap_up');
    expect(agent.override(override({ state: 'offline' }, 'Left the desk')).ok).toBe(true);
    expect(agent.status().state).toEqual({ state: 'offline' });
    expect(announced()).toHaveLength(2);
  });

  it('says an override to the state already held changed nothing, and still announces it', () => {
    set({ state: { state: 'available' } });
    events = [];
    const r = agent.override(override({ state: 'available' }));
    expect(r).toMatchObject({ ok: true, value: { changed: false } });
    expect(events.map(([e]) => e)).toEqual(['agent:overridden']);
  });

  it('keeps a ringing or in-progress call’s state, announces nothing and says why', () => {
    set({ state: { state: 'available' } });
    set({ state: { state: 'ringing', callId: 'c1' } });
    events = [];
    const ringing = agent.override(override({ state: 'break', reason: 'lunch' }));
    expect(ringing).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!ringing.ok && ringing.error.message).toMatch(/ringing/);
    set({ state: { state: 'on_call', callId: 'c1' } });
    const onCall = agent.override(override({ state: 'offline' }));
    expect(!onCall.ok && onCall.error.message).toMatch(/in progress/);
    expect(agent.status().state).toEqual({ state: 'on_call', callId: 'c1' });
    expect(announced()).toEqual([]);
  });
});
