// The operator's agent state: the state machine (agentMachine.ts) with time, persistence and the
// wrap-up timer. The state is persisted at each change, but a restart always comes back offline:
// whatever call or break was going on ended with the process, and routing must not send calls to
// a workstation that has not said it is available again.
import {
  wrapUpAfterCall,
  type AgentState,
  type AgentStateInput,
  type AgentStateRequest,
  type AgentStatus,
} from '../../shared/softphone/agent';
import type { AgentOverride } from '../../shared/queue/floor';
import { fail, ok, type Result } from '../../shared/result';
import type { Store } from '../core/db/types';
import type { EventBus } from '../core/events';
import { checkTransition } from './agentMachine';
import { readAgentState, saveAgentState } from './agentRepo';

export const DEFAULT_WRAP_UP_SECONDS = 30;
/** The longest wrap-up an operator may extend to from now (AgentStatus allows an hour). */
const MAX_WRAP_UP_MS = 3600 * 1000;

export interface AgentOptions {
  store: Pick<Store, 'db' | 'write'>;
  events: Pick<EventBus, 'emit'>;
  clock: () => Date;
  /** From the SIP credentials the server issued; DEFAULT_WRAP_UP_SECONDS without them. */
  wrapUpSeconds: () => number;
  /**
   * Why calls cannot reach this operator now (no central server, nobody signed in), or null when
   * they can. Routing sends calls to an available agent, so no state but offline is taken then.
   */
  offDutyReason: () => string | null;
  /** Timers, replaceable in tests; returns a cancel function. */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

/** What the live channel publishes: the state and whether the softphone is registered. */
export interface Presence {
  state: AgentState;
  sipRegistered: boolean;
}

export interface Agent {
  status(): AgentStatus;
  presence(): Presence;
  set(input: AgentStateInput): Result<AgentStatus>;
  /**
   * A team lead set this agent's state (live `agent.set`): adopted, and `agent:overridden` tells the
   * operator who and why, unless a call is ringing or in progress (that state is kept; the caller
   * publishes it again so the server and the workstation agree). `changed` false: already in it.
   */
  override(o: AgentOverride): Result<{ status: AgentStatus; changed: boolean }>;
  /** The server acknowledged a state: published if it is still the current one. */
  acknowledged(state: AgentState): void;
  /** The server can no longer see the state (connection lost, signed out). */
  unpublished(): void;
  /** Sign-out or shutdown: offline whatever the state was, no transition check. */
  goOffline(): void;
  onPresence(listener: (presence: Presence) => void): () => void;
  dispose(): void;
}

const sameState = (a: AgentState, b: AgentStateRequest): boolean => JSON.stringify(a) === JSON.stringify(b);
const isOpenWrapUp = (s: AgentStateRequest): boolean => s.state === 'wrap_up' && s.until === undefined;

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

export function createAgent(o: AgentOptions): Agent {
  const { db, write } = o.store;
  const setTimer = o.setTimer ?? defaultTimer;
  const listeners = new Set<(p: Presence) => void>();
  const now = () => o.clock().toISOString();

  const stored = readAgentState(db);
  let state: AgentState = { state: 'offline' };
  let since = stored?.state.state === 'offline' ? stored.since : now();
  let published = false;
  let sipRegistered = false;
  let cancelWrapUp: (() => void) | null = null;
  if (stored?.state.state !== 'offline') write(() => saveAgentState(db, { state, since }));

  const status = (): AgentStatus => ({ state, since, published, wrapUpSeconds: o.wrapUpSeconds() });
  const emitStatus = () => o.events.emit('agent:changed', status());
  const emitPresence = () => {
    for (const l of listeners) l({ state, sipRegistered });
  };

  function enter(next: AgentState): void {
    cancelWrapUp?.();
    cancelWrapUp = null;
    state = next;
    since = now();
    published = false;
    write(() => saveAgentState(db, { state, since }));
    if (next.state === 'wrap_up') {
      const until = next;
      cancelWrapUp = setTimer(
        () => {
          // Only the wrap-up this timer was set for: an extension or a new state replaced it.
          if (state === until) enter({ state: 'available' });
        },
        Math.max(0, Date.parse(next.until) - o.clock().getTime()),
      );
    }
    emitStatus();
    emitPresence();
  }

  /** Main decides how long a wrap-up lasts; the operator may only extend one already running. */
  function resolveWrapUp(requested: Extract<AgentStateRequest, { state: 'wrap_up' }>): Result<AgentState> {
    const t = o.clock().getTime();
    if (state.state === 'wrap_up') {
      if (requested.until === undefined) return ok(state);
      const until = Date.parse(requested.until);
      if (until <= t || until - t > MAX_WRAP_UP_MS)
        return fail('invalid_input', 'A wrap-up can be extended to a time within the next hour');
      return ok({ state: 'wrap_up', until: requested.until });
    }
    return ok(wrapUpAfterCall(t, o.wrapUpSeconds()));
  }

  function set(input: AgentStateInput): Result<AgentStatus> {
    const registrationChanged = input.sipRegistered !== undefined && input.sipRegistered !== sipRegistered;
    if (input.sipRegistered !== undefined) sipRegistered = input.sipRegistered;
    // A wrap-up asked for without an end while one runs is the same state: it goes on as it is.
    const unchanged =
      sameState(state, input.state) || (state.state === 'wrap_up' && isOpenWrapUp(input.state));
    if (unchanged) {
      if (registrationChanged) {
        published = false;
        emitStatus();
        emitPresence();
      }
      return ok(status());
    }
    const offDuty = input.state.state === 'offline' ? null : o.offDutyReason();
    if (offDuty !== null) return fail('unauthorized', offDuty);
    const allowed = checkTransition(state, input.state);
    if (!allowed.ok) return allowed;
    const requested = allowed.value;
    const next = requested.state === 'wrap_up' ? resolveWrapUp(requested) : ok(requested);
    if (!next.ok) return next;
    enter(next.value);
    return ok(status());
  }

  return {
    status,
    presence: () => ({ state, sipRegistered }),
    set,
    override(override) {
      if (state.state === 'ringing' || state.state === 'on_call')
        return fail(
          'conflict',
          `A team lead's change to ${override.state.state} was not applied: a call is ${state.state === 'ringing' ? 'ringing' : 'in progress'}`,
        );
      const before = state;
      const result = set({ state: override.state });
      if (!result.ok) return result;
      o.events.emit('agent:overridden', override);
      return ok({ status: result.value, changed: before !== state });
    },
    acknowledged(acked) {
      if (published || !sameState(acked, state)) return;
      published = true;
      emitStatus();
    },
    unpublished() {
      if (!published) return;
      published = false;
      emitStatus();
    },
    goOffline() {
      sipRegistered = false;
      if (state.state !== 'offline') enter({ state: 'offline' });
    },
    onPresence(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      cancelWrapUp?.();
      cancelWrapUp = null;
      listeners.clear();
    },
  };
}
