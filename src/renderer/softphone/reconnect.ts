// Transport recovery. SIP.js's own `reconnectionAttempts` gives up after a fixed count and knows
// nothing of the OS network state; an operator's shift outlives many Wi-Fi blips and PBX restarts,
// so we retry forever with capped backoff, and at once when the browser reports it is online again.

const BASE_MS = 1000;
const CAP_MS = 30_000;
/** Attempts at the normal pace (1 s, 2 s, 4 s) even while the browser says it is offline. */
const QUICK_ATTEMPTS_WHEN_OFFLINE = 3;

/** Delay before reconnection attempt `attempt` (1-based): 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jitter = 0.8 + random() * 0.4;
  return Math.round(Math.min(CAP_MS, exp * jitter));
}

export interface ReconnectHooks {
  /** Tries once; resolves true when the transport is connected again. */
  tryConnect(): Promise<boolean>;
  onScheduled(attempt: number, at: Date): void;
  onConnected(): void;
}

/** One reconnect loop per user agent; `stop()` ends it (sign-out, new credentials). */
export class Reconnector {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  private readonly onOnline = () => {
    if (this.running && !this.stopped) this.tryNow();
  };

  constructor(
    private readonly hooks: ReconnectHooks,
    private readonly win: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
      navigator: Pick<Navigator, 'onLine'>;
    } = window,
  ) {
    win.addEventListener('online', this.onOnline);
  }

  get active(): boolean {
    return this.running;
  }

  /** Called when the transport dropped. Idempotent while a loop is running. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.attempt = 0;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.win.removeEventListener('online', this.onOnline);
  }

  private schedule(): void {
    this.attempt += 1;
    // Offline: no point hammering a dead network; wait for the `online` event, with a slow poll
    // in case the event never comes (some VPNs do not fire it). The first attempts keep the normal
    // pace all the same: `onLine` is only a hint, false on hosts whose only link is loopback or a
    // tunnel, and a PBX restart must not leave the operator unreachable for half a minute.
    const delay =
      this.win.navigator.onLine || this.attempt <= QUICK_ATTEMPTS_WHEN_OFFLINE
        ? reconnectDelayMs(this.attempt)
        : CAP_MS;
    this.hooks.onScheduled(this.attempt, new Date(Date.now() + delay));
    this.timer = setTimeout(() => this.tryNow(), delay);
  }

  private tryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.hooks.tryConnect().then(
      (ok) => this.settle(ok),
      () => this.settle(false),
    );
  }

  private settle(connected: boolean): void {
    if (this.stopped || !this.running) return;
    if (connected) {
      this.running = false;
      this.hooks.onConnected();
    } else if (!this.timer) {
      this.schedule();
    }
  }
}
