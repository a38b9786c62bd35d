// Links of appeals to incidents waiting for the server (issue 14, part 3). An appeal is registered
// on the workstation first and reaches the server with the next push, so the link made with one key
// on the intake form usually finds the server without the appeal yet: it waits here and is tried
// again whenever sync reports progress, and on a slow timer, until the server holds it or refuses
// it. Only the signed-in user's links are tried (the link is made under their sign-in, as the
// appeal's push is); with a store they outlive a restart and wait through another account's shift.
export interface PendingLink {
  incidentId: string;
  appealId: string;
}

/** `retry`: not yet (the appeal is not on the server, or the server cannot be reached). */
export type LinkAttempt = 'linked' | 'retry' | 'refused';

export interface PendingLinks {
  /** Tries at once; what cannot be linked yet is kept and tried again later. */
  add(link: PendingLink): Promise<'linked' | 'queued' | 'refused'>;
  /** Something moved on the server (a push, a pull, the live channel back): try the waiting ones. */
  kick(): void;
  waiting(): PendingLink[];
  /** The signed-in account changed: its own waiting links replace the last one's (from the store). */
  reload(): void;
  dispose(): void;
}

/** Keeps the waiting links of the account signed in now; see linksStore.ts. */
export interface PendingLinksStore {
  load(): PendingLink[];
  put(link: PendingLink): void;
  remove(link: PendingLink): void;
}

export interface PendingLinksOptions {
  attempt: (link: PendingLink) => Promise<LinkAttempt>;
  /** How often waiting links are tried without a kick (ms). */
  retryMs?: number;
  /** At most this many wait; the oldest is dropped past it (a workstation offline for days). */
  max?: number;
  /** Without one, the links live in memory only. */
  store?: PendingLinksStore;
}

const keyOf = (l: PendingLink) => `${l.appealId}>${l.incidentId}`;

export function createPendingLinks(o: PendingLinksOptions): PendingLinks {
  const max = o.max ?? 200;
  const waiting = new Map<string, PendingLink>();
  const forget = (link: PendingLink) => {
    waiting.delete(keyOf(link));
    o.store?.remove(link);
  };
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const startTimer = () => {
    if (timer || waiting.size === 0) return;
    timer = setInterval(() => kick(), o.retryMs ?? 10_000);
    timer.unref?.();
  };

  async function tryOne(link: PendingLink): Promise<LinkAttempt> {
    let outcome: LinkAttempt;
    try {
      outcome = await o.attempt(link);
    } catch {
      outcome = 'retry';
    }
    if (outcome !== 'retry') forget(link);
    return outcome;
  }

  async function drain(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (const link of [...waiting.values()]) {
          if ((await tryOne(link)) === 'retry') break; // the server is not there yet: the rest wait too
        }
      } while (again && waiting.size > 0);
    } finally {
      running = false;
      if (waiting.size === 0) stopTimer();
    }
  }

  function kick(): void {
    if (waiting.size > 0) void drain();
  }

  function reload(): void {
    waiting.clear();
    stopTimer();
    for (const link of o.store?.load() ?? []) waiting.set(keyOf(link), link);
    startTimer();
    kick();
  }

  return {
    async add(link) {
      const key = keyOf(link);
      waiting.delete(key);
      waiting.set(key, link);
      o.store?.put(link);
      while (waiting.size > max) forget(waiting.values().next().value!);
      const outcome = await tryOne(link);
      if (outcome === 'retry') {
        startTimer();
        return 'queued';
      }
      return outcome;
    },
    kick,
    waiting: () => [...waiting.values()],
    reload,
    dispose() {
      waiting.clear();
      stopTimer();
    },
  };
}
