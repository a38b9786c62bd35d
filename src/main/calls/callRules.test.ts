import type { CallRecord } from '../../shared/softphone/calls';
import { MAX_LINKS, nextCallRecord } from './callRules';

const ringing = (over: Partial<CallRecord> = {}): CallRecord => ({
  id: '019a0000-0000-7000-8000-000000000001',
  sipCallId: 'abc@pbx',
  direction: 'inbound',
  localNumber: '1551',
  remoteNumber: '+380441234567',
  remoteName: null,
  operatorId: 'renderer-says',
  ringAt: '2026-11-22T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  result: null,
  transferTarget: null,
  appealIds: [],
  consultationIds: [],
  version: 1,
  updatedAt: '2026-11-22T10:00:00.000Z',
  ...over,
});
const o = { now: '2026-11-22T10:05:00.000Z', operatorId: 'op-main' };
const uuid = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function saved(stored: CallRecord | null, incoming: CallRecord): CallRecord {
  const r = nextCallRecord(stored, incoming, o);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function refused(stored: CallRecord | null, incoming: CallRecord): string[] {
  const r = nextCallRecord(stored, incoming, o);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error.code).toBe('invalid_input');
  return r.error.issues!.map((i) => `${i.path}:${i.code}`);
}

describe('call record rules', () => {
  it('give a new record version 1, main’s time and the signed-in operator, whatever the renderer sent', () => {
    const first = saved(null, ringing({ version: 42, operatorId: 'someone-else' }));
    expect(first).toMatchObject({ version: 1, updatedAt: o.now, operatorId: 'op-main' });
  });

  it('raise the stored version by one and keep the first operator', () => {
    const first = saved(null, ringing());
    const second = saved(first, { ...first, answeredAt: '2026-11-22T10:00:05.000Z', version: 1 });
    expect(second.version).toBe(2);
    const third = saved({ ...second, operatorId: 'op-first' }, { ...second, version: 99 });
    expect(third).toMatchObject({ version: 3, operatorId: 'op-first' });
  });

  it('refuse to change what a call was', () => {
    const stored = saved(null, ringing());
    expect(
      refused(stored, {
        ...stored,
        direction: 'outbound',
        sipCallId: 'other@pbx',
        ringAt: '2026-11-22T09:59:00.000Z',
        kind: 'consultation',
      }),
    ).toEqual(['direction:immutable', 'sipCallId:immutable', 'ringAt:immutable', 'kind:immutable']);
  });

  it('keep answer and end times once recorded', () => {
    const answered = saved(null, ringing({ answeredAt: '2026-11-22T10:00:05.000Z' }));
    expect(refused(answered, { ...answered, answeredAt: null })).toEqual(['answeredAt:immutable']);
    expect(refused(answered, { ...answered, answeredAt: '2026-11-22T10:00:06.000Z' })).toEqual([
      'answeredAt:immutable',
    ]);
  });

  it('never move a finished call back to in progress', () => {
    const ended = saved(
      null,
      ringing({
        answeredAt: '2026-11-22T10:00:05.000Z',
        endedAt: '2026-11-22T10:03:00.000Z',
        result: 'answered',
      }),
    );
    expect(refused(ended, { ...ended, endedAt: null, result: null })).toEqual([
      'endedAt:immutable',
      'result:call_finished',
    ]);
    // A finished call may still be linked to what was registered in wrap-up.
    expect(saved(ended, { ...ended, appealIds: [uuid(7)] }).appealIds).toEqual([uuid(7)]);
  });

  it('require a consistent record: a result with an end, an answer for answered, times in order', () => {
    expect(refused(null, ringing({ result: 'missed' }))).toEqual(['endedAt:required']);
    expect(refused(null, ringing({ endedAt: '2026-11-22T10:01:00.000Z' }))).toEqual(['result:required']);
    expect(refused(null, ringing({ endedAt: '2026-11-22T10:01:00.000Z', result: 'answered' }))).toEqual([
      'answeredAt:required',
    ]);
    expect(
      refused(null, ringing({ answeredAt: '2026-11-22T09:00:00.000Z', endedAt: null, result: null })),
    ).toEqual(['answeredAt:before_ring']);
    expect(refused(null, ringing({ endedAt: '2026-11-22T09:59:59.000Z', result: 'missed' }))).toEqual([
      'endedAt:before_start',
    ]);
  });

  it('only add links, never drop one a stale renderer left out, up to the limit', () => {
    const stored = saved(null, ringing({ appealIds: [uuid(1)], consultationIds: [uuid(2)] }));
    const next = saved(stored, { ...stored, appealIds: [uuid(3), uuid(1)], consultationIds: [] });
    expect(next.appealIds).toEqual([uuid(1), uuid(3)]);
    expect(next.consultationIds).toEqual([uuid(2)]);
    const full = Array.from({ length: MAX_LINKS }, (_, i) => uuid(100 + i));
    expect(refused(next, { ...next, appealIds: full })).toEqual(['appealIds:too_many']);
  });
});
