// Transport recovery. SIP.js's own `reconnectionAttempts` gives up after a fixed count and knows
// nothing of the OS network state; an operator's shift outlives many Wi-Fi blips and PBX restarts,
// so we retry forever with capped backoff, and at once when the browser reports it is online again.
import { backoffDelay } from '../../shared/backoff';

const BASE_MS = 1000;
const CAP_MS = 30_000;
/** Attempts at the normal pace (1 s, 2 s, 4 s) even while the browser says it is offline. */
const QUICK_ATTEMPTS_WHEN_OFFLINE = 3;
/**
 * An attempt that failed only after this long waited for a network that never answered (packets
 * dropped: a dead route, a firewall, a cable pulled behind a switch) until the transport's own
 * connect timeout. Such an attempt paces itself, so the next one starts at once: one is always
 * under way and the line is back within about a second of the network.
 */
const SLOW_ATTEMPT_MS = 2_500;
const AFTER_SLOW_ATTEMPT_MS = 200;

/** Delay before reconnection attempt `attempt` (1-based): 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  return backoffDelay(attempt, random, { minMs: BASE_MS, maxMs: CAP_MS, jitter: 0.2 });
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
  /** Consecutive attempts refused quickly: only these grow the backoff. */
  private quickFailures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  /**
   * Set once the line connected while the browser said it was offline: on this host the flag is
   * wrong (Chromium reports offline when the only link is loopback or a tunnel, and no `online`
   * event ever comes), so it must not slow recovery down.
   */
  private offlineFlagDisproved = false;
  private readonly onOnline = () => {
    if (this.running && !this.stopped) this.tryNow();
  };

  constructor(
    private readonly hooks: ReconnectHooks,
    private readonly win: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
      navigator: Pick<Navigator, 'onLine'>;
    } = window,
    private readonly now: () => number = Date.now,
  ) {
    win.addEventListener('online', this.onOnline);
  }

  get active(): boolean {
    return this.running;
  }

  /** The line is registered (first registration or a recovery): notes what that says of the offline flag. */
  connected(): void {
    if (!this.win.navigator.onLine) this.offlineFlagDisproved = true;
  }

  /** Called when the transport dropped. Idempotent while a loop is running. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.attempt = 0;
    this.quickFailures = 0;
    this.schedule(reconnectDelayMs(1));
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.win.removeEventListener('online', this.onOnline);
  }

  private schedule(delay: number): void {
    this.attempt += 1;
    this.hooks.onScheduled(this.attempt, new Date(this.now() + delay));
    this.timer = setTimeout(() => this.tryNow(), delay);
  }

  /**
   * After a failed attempt. Offline (and believed): no point hammering a dead network; wait for
   * the `online` event, with a slow poll in case it never comes (some VPNs do not fire it). The
   * first attempts keep the normal pace all the same, so a PBX restart is not missed.
   */
  private delayAfterFailure(tookMs: number): number {
    const offline = !this.win.navigator.onLine && !this.offlineFlagDisproved;
    if (offline && this.attempt >= QUICK_ATTEMPTS_WHEN_OFFLINE) return CAP_MS;
    if (tookMs >= SLOW_ATTEMPT_MS) {
      this.quickFailures = 0;
      return AFTER_SLOW_ATTEMPT_MS;
    }
    this.quickFailures += 1;
    return reconnectDelayMs(this.quickFailures + 1);
  }

  private tryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = this.now();
    void this.hooks.tryConnect().then(
      (ok) => this.settle(ok, this.now() - started),
      () => this.settle(false, this.now() - started),
    );
  }

  private settle(connected: boolean, tookMs: number): void {
    if (this.stopped || !this.running) return;
    if (connected) {
      this.running = false;
      this.connected();
      this.hooks.onConnected();
    } else if (!this.timer) {
      this.schedule(this.delayAfterFailure(tookMs));
    }
  }
}
