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

  it('waits for the network while offline and tries at once when the browser is online again', async () => {
    const win = fakeWindow(false);
    const tryConnect = vi.fn(async () => true);
    const onConnected = vi.fn();
    const r = new Reconnector({ tryConnect, onScheduled: () => undefined, onConnected }, win);
    r.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(tryConnect).not.toHaveBeenCalled();
    win.navigator.onLine = true;
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(tryConnect).toHaveBeenCalledTimes(1);
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
