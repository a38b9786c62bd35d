import type { AgentState } from '../../shared/softphone/agent';
import { checkTransition } from './agentMachine';

const S = {
  offline: { state: 'offline' },
  available: { state: 'available' },
  ringing: { state: 'ringing', callId: 'c1' },
  onCall: { state: 'on_call', callId: 'c1' },
  otherCall: { state: 'on_call', callId: 'c2' },
  wrapUp: { state: 'wrap_up', until: '2026-11-22T10:00:30.000Z' },
  lunch: { state: 'break', reason: 'lunch' },
  training: { state: 'break', reason: 'training' },
} satisfies Record<string, AgentState>;

const allowed = (from: AgentState, to: AgentState) => checkTransition(from, to).ok;

describe('agent state machine', () => {
  it('follows a call from available through ringing, on call and wrap-up', () => {
    expect(allowed(S.offline, S.available)).toBe(true);
    expect(allowed(S.available, S.ringing)).toBe(true);
    expect(allowed(S.ringing, S.onCall)).toBe(true);
    expect(allowed(S.onCall, S.wrapUp)).toBe(true);
    expect(allowed(S.wrapUp, S.available)).toBe(true);
  });

  it('lets a ringing call be missed or declined, and a call be placed from available or wrap-up', () => {
    expect(allowed(S.ringing, S.available)).toBe(true);
    expect(allowed(S.available, S.onCall)).toBe(true);
    expect(allowed(S.wrapUp, S.onCall)).toBe(true);
    expect(allowed(S.wrapUp, S.ringing)).toBe(true);
  });

  it('always allows offline', () => {
    for (const from of Object.values(S)) expect(allowed(from, S.offline)).toBe(true);
  });

  it('refuses a break during a call with a reason the operator can act on', () => {
    const r = checkTransition(S.onCall, S.lunch);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.message).toBe(
        'Cannot change the agent state from on-call to break (lunch): a call is in progress: end it first',
      );
    }
    expect(allowed(S.ringing, S.lunch)).toBe(false);
  });

  it('refuses calls during a break or while offline, and wrap-up without a call', () => {
    expect(allowed(S.lunch, S.ringing)).toBe(false);
    expect(allowed(S.lunch, S.onCall)).toBe(false);
    expect(allowed(S.offline, S.ringing)).toBe(false);
    expect(allowed(S.available, S.wrapUp)).toBe(false);
    expect(allowed(S.lunch, S.wrapUp)).toBe(false);
  });

  it('lets a break change its reason and end', () => {
    expect(allowed(S.lunch, S.training)).toBe(true);
    expect(allowed(S.lunch, S.available)).toBe(true);
  });

  it('does not let another call take over a ringing one', () => {
    expect(allowed(S.ringing, S.otherCall)).toBe(false);
  });

  it('lets a call that replaced the active one take its place (a citizen handed over by attended transfer)', () => {
    expect(allowed(S.onCall, S.otherCall)).toBe(true);
  });
});
