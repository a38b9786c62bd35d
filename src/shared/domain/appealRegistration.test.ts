import { AppealDraft } from './appeal';
import { refusedFor, registeredAppeal, registrationIssues, repeatProbeOf } from './appealRegistration';

const draft = (over: Record<string, unknown> = {}) =>
  AppealDraft.parse({
    type: 'complaint',
    channel: 'phone',
    applicant: {
      fullName: 'Petro Shevchenko',
      phones: ['+380671234567'],
      address: { city: 'Київ', street: 'Хрещатик', building: '22' },
    },
    categoryId: 't-hot-water',
    executorId: 'e-teplo',
    essence: 'No hot water for a week',
    ...over,
  });

const reference = { typeById: new Set(['t-hot-water']), executorById: new Set(['e-teplo']) };
const rules = { ruleSet: 'ua' as const, reference, appealExists: (id: string) => id === 'a-1' };

describe('registering an appeal', () => {
  it('accepts a draft naming known reference data and an existing earlier appeal', () => {
    expect(registrationIssues(draft({ repeatOf: 'a-1' }), rules)).toEqual([]);
  });

  it('names each unknown reference, an unknown earlier appeal and the country’s own requirements', () => {
    const issues = registrationIssues(draft({ categoryId: 't-x', executorId: 'e-x', repeatOf: 'a-9' }), {
      ...rules,
      ruleSet: 'kz',
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['applicant.iin', 'required'],
      ['categoryId', 'unknown'],
      ['executorId', 'unknown'],
      ['repeatOf', 'unknown'],
    ]);
    const refusal = refusedFor(issues);
    expect(refusal.ok).toBe(false);
    if (!refusal.ok) {
      expect(refusal.error.code).toBe('invalid_input');
      expect(refusal.error.message).toContain('No question type "t-x" in the classifier; ');
    }
  });

  it('makes the registered record with the deadline the law gives', () => {
    const appeal = registeredAppeal(draft({ benefit: 'war_veteran' }), {
      id: 'a-2',
      provisionalNumber: 'P-7K3M-000001',
      receivedOn: '2026-11-23',
      createdAt: '2026-11-23T10:00:00.000Z',
      operatorId: 'operator-1',
      repeatOf: 'a-1',
      term: 'standard',
      deadlines: { ruleSet: 'ua', holidays: [] },
    });
    expect(appeal).toMatchObject({
      id: 'a-2',
      provisionalNumber: 'P-7K3M-000001',
      officialNumber: null,
      status: 'registered',
      result: null,
      version: 1,
      priority: true,
      receivedOn: '2026-11-23',
      deadlineOn: '2026-12-23',
      deadlineRule: 'ua_month',
      updatedAt: '2026-11-23T10:00:00.000Z',
      repeatOf: 'a-1',
    });
  });

  it('probes for repeats with the applicant and the question of the draft', () => {
    expect(repeatProbeOf(draft())).toEqual({
      applicantName: 'Petro Shevchenko',
      phones: ['+380671234567'],
      iin: '',
      address: expect.objectContaining({ city: 'Київ', street: 'Хрещатик', building: '22' }),
      categoryId: 't-hot-water',
    });
  });
});
