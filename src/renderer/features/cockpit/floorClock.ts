// One clock for the whole cockpit: a single interval ticks once a second while anything shows a
// running time, and each running time (a row's time in state, a call, a wait) reads it through
// useSyncExternalStore, so a tick re-renders those few text cells, not the 200 rows around them.
import { createContext, useContext, useSyncExternalStore } from 'react';
import { useAppSelector } from '../../app/hooks';
import { selectClockOffset } from './floorSlice';

export interface SecondClock {
  subscribe: (listener: () => void) => () => void;
  /** This machine's time at the last tick, ms (whole seconds). */
  now: () => number;
}

export function createSecondClock(): SecondClock {
  const listeners = new Set<() => void>();
  const read = () => Math.floor(Date.now() / 1000) * 1000;
  let now = read();
  let timer: ReturnType<typeof setInterval> | null = null;
  const tick = () => {
    now = read();
    for (const l of listeners) l();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        now = read();
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
  };
}

export const ClockContext = createContext<SecondClock | null>(null);

/** The server's time now (ms, whole seconds of this clock plus the server's offset), ticking. */
export function useServerNow(): number {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useServerNow outside the cockpit clock');
  const local = useSyncExternalStore(clock.subscribe, clock.now);
  const offset = useAppSelector(selectClockOffset);
  return local + offset;
}
