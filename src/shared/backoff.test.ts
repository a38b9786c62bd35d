import { backoffDelay } from './backoff';

describe('Retry delays', () => {
  it('grow exponentially up to the cap, at random below it (full jitter)', () => {
    const o = { minMs: 500, maxMs: 30_000 };
    expect(backoffDelay(1, () => 1, o)).toBe(500);
    expect(backoffDelay(3, () => 1, o)).toBe(2_000);
    expect(backoffDelay(20, () => 1, o)).toBe(30_000);
    expect(backoffDelay(20, () => 0.5, o)).toBe(15_000);
    expect(backoffDelay(20, () => 0, o)).toBe(500);
  });

  it('can instead spread the grown delay by a fraction either side, within the cap', () => {
    const o = { minMs: 1_000, maxMs: 30_000, jitter: 0.2 };
    expect([1, 2, 3, 6, 12].map((n) => backoffDelay(n, () => 0.5, o))).toEqual([
      1_000, 2_000, 4_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(1, () => 0, o)).toBe(800);
    expect(backoffDelay(1, () => 1, o)).toBe(1_200);
    expect(backoffDelay(12, () => 1, o)).toBe(30_000);
  });

  it('or keep it between half the grown delay and all of it (equal jitter)', () => {
    const o = { minMs: 250, maxMs: 10_000, jitter: 'equal' as const };
    expect(backoffDelay(1, () => 0, o)).toBe(125);
    expect(backoffDelay(3, () => 1, o)).toBe(1_000);
    expect(backoffDelay(30, () => 0.5, o)).toBe(7_500);
  });
});
