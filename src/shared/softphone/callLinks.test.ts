import { callToLink, MAX_LINKS, withLink } from './callLinks';
import type { CallRecord } from './calls';

const call = (over: Partial<CallRecord> = {}): CallRecord => ({
  id: '019a0000-0000-7000-8000-000000000001',
  sipCallId: 'abc@pbx',
  direction: 'inbound',
  localNumber: '1551',
  remoteNumber: '+380441234567',
  remoteName: null,
  operatorId: 'op-1',
  ringAt: '2026-11-22T10:00:00.000Z',
  answeredAt: '2026-11-22T10:00:05.000Z',
  endedAt: null,
  result: null,
  transferTarget: null,
  appealIds: [],
  consultationIds: [],
  version: 1,
  updatedAt: '2026-11-22T10:00:05.000Z',
  ...over,
});
const ended = call({ endedAt: '2026-11-22T10:03:00.000Z', result: 'answered' });
const uuid = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('linking what is registered to the current call', () => {
  it('links to a call in progress, whatever the agent state says', () => {
    expect(callToLink(call(), { state: 'on_call', callId: 'abc@pbx' })).toEqual(call());
    expect(callToLink(call({ answeredAt: null }), { state: 'ringing', callId: 'abc@pbx' })).not.toBeNull();
  });

  it('links to a call that ended only while its wrap-up runs', () => {
    expect(callToLink(ended, { state: 'wrap_up', until: '2026-11-22T10:03:30.000Z' })).toEqual(ended);
    expect(callToLink(ended, { state: 'available' })).toBeNull();
    expect(callToLink(ended, { state: 'break', reason: 'lunch' })).toBeNull();
  });

  it('links to nothing when no call was reported', () => {
    expect(callToLink(null, { state: 'available' })).toBeNull();
  });

  it('adds a link once and never beyond the limit', () => {
    const linked = withLink(call(), 'appeal', uuid(1))!;
    expect(linked.appealIds).toEqual([uuid(1)]);
    expect(withLink(linked, 'appeal', uuid(1))).toBeNull();
    expect(withLink(linked, 'consultation', uuid(1))!.consultationIds).toEqual([uuid(1)]);
    const full = call({ appealIds: Array.from({ length: MAX_LINKS }, (_, i) => uuid(100 + i)) });
    expect(withLink(full, 'appeal', uuid(2))).toBeNull();
  });
});
