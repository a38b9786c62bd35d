// Who takes whom: the dispatcher's decision, pure so it can be tested on its own. Callers come in
// the queue's order (priority DESC, arrived_at, id), agents longest idle first; each caller in turn gets the
// longest-idle agent still free that has not already let that caller ring out. No caller is ever
// passed over for a later one while an agent it could take is free.

export interface WaitingCaller {
  id: string;
  /** Operators (user ids) who let this caller ring out: never offered it again. */
  tried: readonly string[];
}

export interface FreeAgent {
  userId: string;
}

export interface Pairing<C extends WaitingCaller, A extends FreeAgent> {
  caller: C;
  agent: A;
}

export function pairCallers<C extends WaitingCaller, A extends FreeAgent>(
  callers: readonly C[],
  agents: readonly A[],
): Pairing<C, A>[] {
  const free = [...agents];
  const pairs: Pairing<C, A>[] = [];
  for (const caller of callers) {
    if (free.length === 0) break;
    const index = free.findIndex((agent) => !caller.tried.includes(agent.userId));
    if (index < 0) continue;
    pairs.push({ caller, agent: free[index]! });
    free.splice(index, 1);
  }
  return pairs;
}

/** A caller's place: priority, then when it arrived at the PBX, then entry (id: bigserial text). */
export interface QueuePlace {
  priority: number;
  /** When the PBX received the INVITE (queue_calls.arrived_at); absent = arrival is id order. */
  arrivedAt?: Date;
  id: string;
}

/** The queue's order: higher priority first, then earlier arrival, then a lower id. */
export function compareQueueOrder(a: QueuePlace, b: QueuePlace): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.arrivedAt && b.arrivedAt && a.arrivedAt.getTime() !== b.arrivedAt.getTime())
    return a.arrivedAt.getTime() - b.arrivedAt.getTime();
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Positions (1 = served next) of the callers still in the queue, per hotline queue, in the order
 * they are served: those already ringing an operator count too, they are ahead.
 */
export function withPositions<T extends QueuePlace & { queue: string }>(
  entries: readonly T[],
): (T & { position: number })[] {
  const sorted = [...entries].sort((a, b) =>
    a.queue === b.queue ? compareQueueOrder(a, b) : a.queue < b.queue ? -1 : 1,
  );
  const next = new Map<string, number>();
  return sorted.map((entry) => {
    const position = (next.get(entry.queue) ?? 0) + 1;
    next.set(entry.queue, position);
    return { ...entry, position };
  });
}

/** A priority per configured reason: the first listed highest (QUEUE_PRIORITIES). */
export function priorityOf<R extends string>(
  configured: readonly R[],
  reasons: readonly R[],
): {
  priority: number;
  reason: R | null;
} {
  for (const [index, reason] of configured.entries()) {
    if (reasons.includes(reason)) return { priority: configured.length - index, reason };
  }
  return { priority: 0, reason: null };
}
