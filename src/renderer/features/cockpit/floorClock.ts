// One clock for the whole cockpit: a single interval ticks once a second while anything shows a
// running time, and each running time (a row's time in state, a call, a wait) reads it through
// useSyncExternalStore, so a tick re-renders those few text cells, not the 200 rows around them.
import { createContext, useContext, useSyncExternalStore } from 'react';

export interface SecondClock {
  subscribe: (listener: () => void) => () => void;
  /** The server's time at the last tick, ms: this machine's whole second plus the offset. */
  now: () => number;
  /** The server's clock minus this one (from the last snapshot); the cockpit keeps it current. */
  setOffset: (offsetMs: number) => void;
}

export function createSecondClock(): SecondClock {
  const listeners = new Set<() => void>();
  const read = () => Math.floor(Date.now() / 1000) * 1000;
  let local = read();
  let offset = 0;
  let now = local;
  let timer: ReturnType<typeof setInterval> | null = null;
  const notify = () => {
    now = local + offset;
    for (const l of listeners) l();
  };
  const tick = () => {
    local = read();
    notify();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        local = read();
        now = local + offset;
        timer = setInterval(tick, 1000);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    now: () => now,
    setOffset(offsetMs) {
      if (offsetMs === offset) return;
      offset = offsetMs;
      notify();
    },
  };
}

export const ClockContext = createContext<SecondClock | null>(null);

/** The server's time now (ms), ticking once a second; no store subscription per running time. */
export function useServerNow(): number {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useServerNow outside the cockpit clock');
  return useSyncExternalStore(clock.subscribe, clock.now);
}
