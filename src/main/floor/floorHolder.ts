// The team lead's floor as main holds it from the live channel (issue 13): every agent by user id,
// the latest call queue, and whether the channel is live. It turns the server's messages into
// `floor:changed` events for the renderer:
// - `agents` (the full list, after every subscribe, so after every reconnect) replaces what is held;
//   each agent the renderer's copy differs on is sent again, then `{ kind: 'live', live: true }`;
// - `agent.changed` is sent at once, and further changes of the same agent within COALESCE_MS are
//   folded into one event at the end of that window (never more than COALESCE_MS late);
// - `queue` is sent as it comes (the server already sends it at most every 200 ms);
// - the channel going down sends `{ kind: 'live', live: false }` after any change still held back.
// A renderer that applies these events to `floor:snapshot` ends up with the server's floor; one
// that re-reads `floor:snapshot` at `live: true` also drops agents the server no longer lists
// (an account disabled during a network drop), which no delta can say. The snapshot's `asOf` is on
// the server's clock (the offset from the last queue's `asOf`), frozen at the drop while down.
import type { FloorChange, FloorSnapshot } from '../../shared/queue/floor';
import type { QueueSnapshot } from '../../shared/queue/queue';
import type { AgentSnapshot } from '../../shared/softphone/agent';
import type { EventBus } from '../core/events';
import type { FloorMessage } from '../live';

/** At most one `floor:changed` per agent within this window (ms), and never later than it. */
export const COALESCE_MS = 100;

export interface FloorHolderOptions {
  events: Pick<EventBus, 'emit'>;
  clock: () => Date;
  coalesceMs?: number;
  /** Monotonic milliseconds (the coalescing window); performance.now() by default. */
  now?: () => number;
  /** Timers, replaceable in tests; returns a cancel function. */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

export interface FloorHolder {
  snapshot(): FloorSnapshot;
  /** A floor message from the live channel. */
  message(message: FloorMessage): void;
  /** The live channel is down: the held floor is as of now, and says so. */
  down(): void;
  /** Sign-out or another account: nothing of the last one's floor is kept. */
  reset(): void;
  dispose(): void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function createFloorHolder(o: FloorHolderOptions): FloorHolder {
  const coalesceMs = o.coalesceMs ?? COALESCE_MS;
  const now = o.now ?? (() => performance.now());
  const setTimer = o.setTimer ?? defaultTimer;
  const agents = new Map<string, AgentSnapshot>();
  /** What the renderer was last sent of each agent. */
  const sent = new Map<string, AgentSnapshot>();
  const sentAt = new Map<string, number>();
  /** Agents whose latest change waits for the end of their window. */
  const held = new Map<string, () => void>();
  let queue: QueueSnapshot | null = null;
  let live = false;
  /** When the held floor was last known to be the server's (the last message, or the drop). */
  let currentAt: string | null = null;
  /** The server's clock minus this one's, from the last queue's `asOf`: times in state count on it. */
  let serverOffsetMs = 0;
  const serverNow = () => new Date(o.clock().getTime() + serverOffsetMs).toISOString();

  const emit = (change: FloorChange) => o.events.emit('floor:changed', change);

  function send(userId: string): void {
    const agent = agents.get(userId);
    if (!agent || same(sent.get(userId), agent)) return;
    sent.set(userId, agent);
    sentAt.set(userId, now());
    emit({ kind: 'agent', agent });
  }

  function cancelHeld(): string[] {
    const ids = [...held.keys()];
    for (const cancel of held.values()) cancel();
    held.clear();
    return ids;
  }

  function changed(userId: string): void {
    if (held.has(userId)) return; // its window's end sends the latest
    const last = sentAt.get(userId);
    const elapsed = last === undefined ? Infinity : now() - last;
    if (elapsed >= coalesceMs) return send(userId);
    held.set(
      userId,
      setTimer(() => {
        held.delete(userId);
        send(userId);
      }, coalesceMs - elapsed),
    );
  }

  function replaceAgents(list: readonly AgentSnapshot[]): void {
    cancelHeld();
    agents.clear();
    for (const agent of list) agents.set(agent.userId, agent);
    for (const userId of [...sent.keys()]) if (!agents.has(userId)) sent.delete(userId);
    for (const agent of list) send(agent.userId);
  }

  function agentChanged(agent: AgentSnapshot): void {
    const before = agents.get(agent.userId);
    // A change older than the state held (another instance's notification overtaken): stale.
    if (before && Date.parse(agent.since) < Date.parse(before.since)) return;
    if (before && same(before, agent)) return;
    agents.set(agent.userId, agent);
    changed(agent.userId);
  }

  function queueChanged(next: QueueSnapshot): void {
    if (queue && Date.parse(next.asOf) < Date.parse(queue.asOf)) return;
    queue = next;
    serverOffsetMs = Date.parse(next.asOf) - o.clock().getTime();
    emit({ kind: 'queue', queue });
  }

  return {
    snapshot: () => ({
      agents: [...agents.values()],
      queue,
      live,
      asOf: live || currentAt === null ? serverNow() : currentAt,
    }),
    message(message) {
      switch (message.type) {
        case 'agents':
          replaceAgents(message.agents);
          if (!live) {
            live = true;
            emit({ kind: 'live', live: true });
          }
          return;
        case 'agent.changed':
          agentChanged(message.agent);
          return;
        case 'queue':
          queueChanged(message.queue);
          return;
      }
    },
    down() {
      // What was held back goes out first: the renderer shows the last known floor, marked stale.
      for (const userId of cancelHeld()) send(userId);
      if (!live) return;
      live = false;
      currentAt = serverNow();
      emit({ kind: 'live', live: false });
    },
    reset() {
      cancelHeld();
      agents.clear();
      sent.clear();
      sentAt.clear();
      queue = null;
      live = false;
      currentAt = null;
      serverOffsetMs = 0;
    },
    dispose() {
      cancelHeld();
    },
  };
}
