// Events the workstation pushes to its host (and on to the renderer) after a change is committed.
import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventBus {
  on(listener: EventListener): () => void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  clear(): void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners) {
        // The change is already committed: a failing listener must not turn it into an error.
        try {
          listener(event, payload);
        } catch (err) {
          console.error(`Listener for ${event} threw ${err instanceof Error ? err.name : typeof err}`);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
