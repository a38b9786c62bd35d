// Who takes whom: the dispatcher's decision, pure so it can be tested on its own. Callers come in
// the queue's order (priority DESC, id), agents longest idle first; each caller in turn gets the
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

/** The queue's order: higher priority first, then arrival (a lower id). Ids are bigserial text. */
export function compareQueueOrder(
  a: { priority: number; id: string },
  b: { priority: number; id: string },
): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Positions (1 = served next) of the callers still in the queue, per hotline queue, in the order
 * they are served: those already ringing an operator count too, they are ahead.
 */
export function withPositions<T extends { queue: string; priority: number; id: string }>(
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
