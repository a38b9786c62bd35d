import { Reconnector, reconnectDelayMs } from './reconnect';

function fakeWindow(onLine = true) {
  const target = new EventTarget();
  return Object.assign(target, { navigator: { onLine } });
}

describe('transport recovery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs off 1, 2, 4 … seconds and never waits more than 30 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 12].map((n) => reconnectDelayMs(n, mid))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(reconnectDelayMs(1, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, () => 1)).toBe(1200);
  });

  it('keeps retrying after failures and reports each scheduled attempt until connected', async () => {
    const results = [false, false, true];
    const scheduled: number[] = [];
    const onConnected = vi.fn();
    const tryConnect = vi.fn(async () => results.shift() ?? true);
    const r = new Reconnector(
      { tryConnect, onScheduled: (n) => scheduled.push(n), onConnected },
      fakeWindow(),
    );
    r.start();
    expect(r.active).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tryConnect).toHaveBeenCalledTimes(3);
    expect(scheduled).toEqual([1, 2, 3]);
    expect(onConnected).toHaveBeenCalledTimes(1);
    expect(r.active).toBe(false);
    r.stop();
  });

  it('while the browser says offline, tries a few times at the normal pace, then slowly until it is online', async () => {
    const win = fakeWindow(false);
    const tryConnect = vi.fn(async () => false);
    const onConnected = vi.fn();
    const r = new Reconnector({ tryConnect, onScheduled: () => undefined, onConnected }, win);
    r.start();
    // 1 s, 2 s and 4 s (±20 %): a PBX restart on a loopback-only or tunnelled host is not missed.
    await vi.advanceTimersByTimeAsync(9_000);
    expect(tryConnect).toHaveBeenCalledTimes(3);
    // Then one attempt per 30 s until the browser reports the network.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(tryConnect).toHaveBeenCalledTimes(3);
    tryConnect.mockResolvedValue(true);
    win.navigator.onLine = true;
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(tryConnect).toHaveBeenCalledTimes(4);
    expect(onConnected).toHaveBeenCalledTimes(1);
    r.stop();
  });

  it('does not believe a browser that said offline while the line was registered (a loopback-only host)', async () => {
    const win = fakeWindow(false);
    const tryConnect = vi.fn(async () => false);
    const r = new Reconnector(
      { tryConnect, onScheduled: () => undefined, onConnected: () => undefined },
      win,
    );
    // Registered although "offline": the flag says nothing about this host's network.
    r.connected();
    r.start();
    // 1, 2, 4, 8 and 16 s: the normal pace, not one attempt per 30 s after the third.
    await vi.advanceTimersByTimeAsync(1_200 + 2_400 + 4_800 + 9_600 + 19_200);
    expect(tryConnect).toHaveBeenCalledTimes(5);
    r.stop();
  });

  it('starts the next attempt at once after one the network never answered (it waited out its timeout)', async () => {
    let clock = 0;
    const win = fakeWindow(false);
    // Each attempt hangs until the transport's 5 s connect timeout, as behind a firewall that drops packets.
    const tryConnect = vi.fn(
      () =>
        new Promise<boolean>((resolve) =>
          setTimeout(() => {
            clock += 5_000;
            resolve(tryConnect.mock.calls.length >= 6);
          }, 5_000),
        ),
    );
    const onConnected = vi.fn();
    const r = new Reconnector({ tryConnect, onScheduled: () => undefined, onConnected }, win, () => clock);
    r.connected();
    r.start();
    // 1.2 s to the first, then 5 s each with 0.2 s between: the sixth succeeds within 32 s.
    await vi.advanceTimersByTimeAsync(1_200 + 6 * 5_200);
    expect(tryConnect).toHaveBeenCalledTimes(6);
    expect(onConnected).toHaveBeenCalledTimes(1);
    r.stop();
  });

  it('does nothing more once stopped (sign-out, new credentials)', async () => {
    const tryConnect = vi.fn(async () => false);
    const r = new Reconnector(
      { tryConnect, onScheduled: () => undefined, onConnected: () => undefined },
      fakeWindow(),
    );
    r.start();
    r.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tryConnect).not.toHaveBeenCalled();
  });
});
