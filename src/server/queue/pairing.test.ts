import { describe, expect, it } from 'vitest';
import { compareQueueOrder, pairCallers, priorityOf, withPositions } from './pairing';

const caller = (id: string, tried: string[] = []) => ({ id, tried });
const agent = (userId: string) => ({ userId });
const pairs = (callers: ReturnType<typeof caller>[], agents: string[]) =>
  pairCallers(callers, agents.map(agent)).map((p) => [p.caller.id, p.agent.userId]);

describe('pairCallers', () => {
  it('gives the first callers the longest-idle agents, in order', () => {
    expect(pairs([caller('1'), caller('2'), caller('3')], ['a', 'b'])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(pairs([caller('1')], ['a', 'b'])).toEqual([['1', 'a']]);
    expect(pairs([], ['a'])).toEqual([]);
    expect(pairs([caller('1')], [])).toEqual([]);
  });

  it('never offers a caller to an agent who let it ring out, and passes it over only for that agent', () => {
    expect(pairs([caller('1', ['a']), caller('2')], ['a', 'b'])).toEqual([
      ['1', 'b'],
      ['2', 'a'],
    ]);
    // Only the agent it tried is free: the next caller takes it, the first keeps its place.
    expect(pairs([caller('1', ['a']), caller('2')], ['a'])).toEqual([['2', 'a']]);
  });

  it('has no overtake: a caller left unpaired had no agent it could take', () => {
    for (let round = 0; round < 500; round++) {
      const agents = Array.from({ length: Math.floor(Math.random() * 6) }, (_, i) => `a${i}`);
      const callers = Array.from({ length: Math.floor(Math.random() * 8) }, (_, i) =>
        caller(
          String(i),
          agents.filter(() => Math.random() < 0.3),
        ),
      );
      const result = pairCallers(callers, agents.map(agent));
      const taken = new Set(result.map((p) => p.agent.userId));
      expect(taken.size).toBe(result.length);
      const paired = new Set(result.map((p) => p.caller.id));
      const lastPaired = Math.max(-1, ...result.map((p) => Number(p.caller.id)));
      for (const c of callers.filter((c) => !paired.has(c.id) && Number(c.id) < lastPaired)) {
        // Every agent it could have taken went to an earlier caller.
        for (const p of result.filter((p) => !c.tried.includes(p.agent.userId)))
          expect(Number(p.caller.id)).toBeLessThan(Number(c.id));
        expect(agents.filter((a) => !taken.has(a) && !c.tried.includes(a))).toEqual([]);
      }
    }
  });
});

describe('queue order and positions', () => {
  it('orders by priority, then by id as a number', () => {
    const entries = [
      { queue: '1551', priority: 0, id: '10' },
      { queue: '1551', priority: 0, id: '9' },
      { queue: '1551', priority: 2, id: '11' },
      { queue: '1552', priority: 0, id: '1' },
    ];
    expect([...entries].sort(compareQueueOrder).map((e) => e.id)).toEqual(['11', '1', '9', '10']);
    expect(withPositions(entries).map((e) => [e.queue, e.id, e.position])).toEqual([
      ['1551', '11', 1],
      ['1551', '9', 2],
      ['1551', '10', 3],
      ['1552', '1', 1],
    ]);
  });

  it('orders by arrival at the PBX before the id, within a priority', () => {
    const at = (ms: number) => new Date(1_800_000_000_000 + ms);
    const entries = [
      { queue: '1551', priority: 0, id: '5', arrivedAt: at(300) },
      { queue: '1551', priority: 0, id: '6', arrivedAt: at(100) },
      { queue: '1551', priority: 0, id: '7', arrivedAt: at(100) },
      { queue: '1551', priority: 1, id: '8', arrivedAt: at(900) },
    ];
    expect(withPositions(entries).map((e) => [e.id, e.position])).toEqual([
      ['8', 1],
      ['6', 2],
      ['7', 3],
      ['5', 4],
    ]);
  });

  it('ranks the configured priorities, the first listed highest', () => {
    expect(priorityOf(['benefit', 'callback'], ['callback'])).toEqual({ priority: 1, reason: 'callback' });
    expect(priorityOf(['benefit', 'callback'], ['callback', 'benefit'])).toEqual({
      priority: 2,
      reason: 'benefit',
    });
    expect(priorityOf(['callback'], ['benefit'])).toEqual({ priority: 0, reason: null });
    expect(priorityOf([], ['benefit'])).toEqual({ priority: 0, reason: null });
  });
});
