// agentTime: state intervals cut at bucket edges from their start and end points alone.
import { describe, expect, it } from 'vitest';
import { agentTime } from './dayMetrics';

/** The points of intervals [s, e) as the SQL sums them per bucket of each end. */
const pointsOf = (intervals: [number, number][], step: number) =>
  intervals.flatMap(([s, e]) => [
    { b: Math.floor(s / step), n: 1, t: s },
    { b: Math.floor(e / step), n: -1, t: -e },
  ]);

describe('agentTime', () => {
  it('splits intervals over the buckets they span, edges included', () => {
    const step = 900;
    const intervals: [number, number][] = [
      [100, 200], // inside bucket 0
      [800, 1000], // 100 in bucket 0, 100 in bucket 1
      [900, 1800], // exactly bucket 1
      [1700, 4000], // 100 in 1, 900 in 2, 900 in 3, 400 in 4
      [3599.5, 3600], // half a second at the end of bucket 3
    ];
    expect(agentTime(pointsOf(intervals, step), 6, step)).toEqual([200, 1100, 900, 900.5, 400, 0]);
  });

  it('counts an end on the day’s last edge in the last bucket', () => {
    expect(agentTime(pointsOf([[5000, 5400]], 900), 6, 900)).toEqual([0, 0, 0, 0, 0, 400]);
  });
});
