import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE_POLICY,
  LifecycleAction,
  deadlineCeiling,
  mayAct,
  transition,
  type Actor,
  type LifecycleState,
} from './lifecycle';

const registered: LifecycleState = {
  status: 'registered',
  executorId: 'exec-water',
  result: null,
  receivedOn: '2026-03-02',
  deadlineOn: '2026-04-02',
  assignedOn: null,
  reworkRounds: 0,
  callbackAttempts: 0,
  nextCallbackAt: null,
  hasPhone: true,
};
const analyst: Actor = { role: 'analyst' };
const feedback: Actor = { role: 'feedback' };
const executor = (organisationId: string): Actor => ({ role: 'executor', organisationId });
const context = {
  today: '2026-03-03',
  now: new Date('2026-03-03T10:00:00Z'),
  policy: DEFAULT_LIFECYCLE_POLICY,
};

/** Applies actions in turn, failing the test on the first refusal. */
function run(state: LifecycleState, steps: [LifecycleAction, Actor][]): LifecycleState {
  return steps.reduce((s, [action, actor]) => {
    const out = transition(s, action, actor, context);
    if (!out.ok) throw new Error(`${action.kind} refused: ${out.code}`);
    return out.state;
  }, state);
}

describe('the appeal lifecycle', () => {
  it('walks the whole road: assigned, answered, returned once, answered again, accepted, confirmed, closed', () => {
    const closed = run(registered, [
      [{ kind: 'assign', executorId: 'exec-roads' }, analyst],
      [{ kind: 'start' }, executor('exec-roads')],
      [{ kind: 'answer', result: 'done', text: 'Patched' }, executor('exec-roads')],
      [{ kind: 'control_return', reason: 'No photo' }, analyst],
      [{ kind: 'answer', result: 'done', text: 'Patched, photo attached' }, executor('exec-roads')],
      [{ kind: 'control_accept' }, analyst],
      [{ kind: 'callback', outcome: 'confirmed' }, feedback],
    ]);
    expect(closed).toMatchObject({
      status: 'closed',
      result: 'done',
      executorId: 'exec-roads',
      assignedOn: '2026-03-03',
      reworkRounds: 1,
    });
  });

  it('refuses the wrong role, the wrong organisation and the wrong moment, with a code', () => {
    const assigned = run(registered, [[{ kind: 'assign', executorId: 'exec-roads' }, analyst]]);
    expect(
      transition(registered, { kind: 'assign', executorId: 'x' }, { role: 'operator' }, context),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition(assigned, { kind: 'start' }, executor('exec-water'), context)).toMatchObject({
      ok: false,
      code: 'wrong_organisation',
    });
    expect(transition(assigned, { kind: 'control_accept' }, analyst, context)).toMatchObject({
      ok: false,
      code: 'not_allowed_now',
    });
    expect(mayAct(assigned, 'start', executor('exec-roads'))).toBe(true);
    expect(mayAct(assigned, 'start', executor('exec-water'))).toBe(false);
    expect(mayAct(assigned, 'callback', feedback)).toBe(false);
  });

  it('forwards to another executor only with a reason, and marks a forward after five days as late', () => {
    const assigned = run(registered, [[{ kind: 'assign', executorId: 'exec-roads' }, analyst]]);
    expect(
      transition(assigned, { kind: 'assign', executorId: 'exec-parks' }, analyst, context),
    ).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
    expect(
      transition(assigned, { kind: 'assign', executorId: 'exec-roads', reason: 'again' }, analyst, context),
    ).toMatchObject({ ok: false, code: 'same_executor' });
    const onTime = transition(
      assigned,
      { kind: 'assign', executorId: 'exec-parks', reason: 'Park land' },
      analyst,
      {
        ...context,
        today: '2026-03-08',
      },
    );
    expect(onTime).toEqual({ ok: true, state: { ...assigned, executorId: 'exec-parks' } });
    const late = transition(
      assigned,
      { kind: 'assign', executorId: 'exec-parks', reason: 'Park land' },
      analyst,
      {
        ...context,
        today: '2026-03-09',
      },
    );
    expect(late).toMatchObject({ ok: true, lateForward: true });
  });

  it('retries an unanswered callback on the schedule, then applies the center’s rule', () => {
    const awaiting: LifecycleState = { ...registered, status: 'awaiting_applicant_check', result: 'done' };
    const once = transition(awaiting, { kind: 'callback', outcome: 'no_answer' }, feedback, context);
    expect(once).toEqual({
      ok: true,
      state: { ...awaiting, callbackAttempts: 1, nextCallbackAt: '2026-03-03T11:00:00.000Z' },
    });
    const twice = run(awaiting, [
      [{ kind: 'callback', outcome: 'no_answer' }, feedback],
      [{ kind: 'callback', outcome: 'no_answer' }, feedback],
    ]);
    expect(twice.nextCallbackAt).toBe('2026-03-03T14:00:00.000Z');
    const closedUnreached = run(twice, [[{ kind: 'callback', outcome: 'no_answer' }, feedback]]);
    expect(closedUnreached).toMatchObject({ status: 'closed', callbackAttempts: 3, nextCallbackAt: null });
    const backToControl = transition(awaiting, { kind: 'callback', outcome: 'wrong_number' }, feedback, {
      ...context,
      policy: { ...DEFAULT_LIFECYCLE_POLICY, afterFailedCallbacks: 'return_to_control' },
    });
    expect(backToControl).toMatchObject({ ok: true, state: { status: 'awaiting_control_check' } });
  });

  it('sends the appeal back to rework when the citizen says it is not solved', () => {
    const awaiting: LifecycleState = { ...registered, status: 'awaiting_applicant_check', reworkRounds: 1 };
    expect(run(awaiting, [[{ kind: 'callback', outcome: 'not_solved' }, feedback]])).toMatchObject({
      status: 'rework',
      reworkRounds: 2,
    });
  });

  it('closes after the control check when there is nobody to call back', () => {
    const anonymous: LifecycleState = { ...registered, status: 'awaiting_control_check', hasPhone: false };
    expect(run(anonymous, [[{ kind: 'control_accept' }, analyst]]).status).toBe('closed');
  });

  it('extends a deadline up to 45 days in Ukraine and two months in Kazakhstan, and no further', () => {
    const extend = (deadlineOn: string, ruleSet: 'ua' | 'kz' = 'ua') =>
      transition(
        registered,
        { kind: 'extend', deadlineOn, reason: 'Needs a survey', citizenToBeTold: true },
        analyst,
        { ...context, policy: { ...DEFAULT_LIFECYCLE_POLICY, ruleSet } },
      );
    expect(deadlineCeiling('2026-03-02', 'ua')).toBe('2026-04-16');
    expect(deadlineCeiling('2026-03-02', 'kz')).toBe('2026-05-02');
    expect(extend('2026-04-16')).toMatchObject({ ok: true, state: { deadlineOn: '2026-04-16' } });
    expect(extend('2026-04-17')).toMatchObject({ ok: false, code: 'deadline_out_of_range' });
    expect(extend('2026-04-01')).toMatchObject({ ok: false, code: 'deadline_out_of_range' });
    expect(extend('2026-05-02', 'kz')).toMatchObject({ ok: true });
  });

  it('validates actions at the boundary: a reason is text, a telling-the-citizen flag is not optional', () => {
    expect(LifecycleAction.safeParse({ kind: 'control_return', reason: '  ' }).success).toBe(false);
    expect(LifecycleAction.safeParse({ kind: 'control_return', reason: 'bad\u0000' }).success).toBe(false);
    expect(
      LifecycleAction.safeParse({
        kind: 'extend',
        deadlineOn: '2026-04-10',
        reason: 'x',
        citizenToBeTold: false,
      }).success,
    ).toBe(false);
    expect(LifecycleAction.safeParse({ kind: 'answer', result: 'done', text: 'ok', extra: 1 }).success).toBe(
      false,
    );
  });
});
