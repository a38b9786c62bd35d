import { describe, expect, it } from 'vitest';
import { NEW_APPEAL_LIFECYCLE, type Appeal } from '../../shared/domain/appeal';
import { DEFAULT_LIFECYCLE_POLICY } from '../../shared/domain/lifecycle';
import type { AppealPolicy } from '../sync/serverOwned';
import { decideChange, holderOf, staleVersion, type DecideContext, type LifecycleActor } from './decide';

const policy: AppealPolicy = {
  ruleSet: 'ua',
  timeZone: 'Europe/Kyiv',
  holidays: [],
  maxOfflineDays: 60,
  maxClockAheadMinutes: 10,
  lifecycle: DEFAULT_LIFECYCLE_POLICY,
};

const ctx: DecideContext = {
  policy,
  now: new Date('2026-03-03T10:00:00Z'),
  today: '2026-03-03',
  termOf: (id) => (id === 'short-term' ? 'short' : 'standard'),
  executorExists: (id) => id !== 'e-nobody',
};

const appeal = (overrides: Partial<Appeal> = {}): Appeal => ({
  id: '01900000-0000-7000-8000-000000000001',
  provisionalNumber: 'P-7K3M-000001',
  officialNumber: '1551-2026-000001',
  type: 'complaint',
  channel: 'phone',
  applicant: {
    fullName: 'Коваленко Марія',
    phones: ['+380671234567'],
    address: { city: 'Київ', district: '', street: 'Хрещатик', building: '22', flat: '5' },
    email: '',
    iin: '',
  },
  benefit: 'none',
  signatories: null,
  categoryId: 'standard-term',
  executorId: 'e-water',
  essence: 'Немає води',
  attachments: [],
  consentToPublish: false,
  repeatOf: null,
  status: 'registered',
  result: null,
  version: 1,
  priority: false,
  receivedOn: '2026-03-02',
  deadlineOn: '2026-04-02',
  deadlineRule: 'ua_month',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  operatorId: 'op-1',
  lifecycle: NEW_APPEAL_LIFECYCLE,
  supplements: [],
  ...overrides,
});

const analyst: LifecycleActor = { userId: 'u-analyst', role: 'analyst', organisationId: null };
const operator: LifecycleActor = { userId: 'u-operator', role: 'operator', organisationId: null };

describe('decideChange', () => {
  it('raises the version, stamps the server’s time and records who holds the appeal before and after', () => {
    const out = decideChange(
      appeal(),
      { action: { kind: 'assign', executorId: 'e-roads' }, baseVersion: 1 },
      analyst,
      ctx,
    );
    if (!out.ok) throw new Error(out.reason.message);
    expect(out.decided.appeal).toMatchObject({
      version: 2,
      status: 'assigned',
      updatedAt: '2026-03-03T10:00:00.000Z',
    });
    // Registered, the named executor was only a suggestion: nobody is relieved of it.
    expect([out.decided.holder, out.decided.previousHolder]).toEqual(['e-roads', null]);
    const forwarded = decideChange(
      out.decided.appeal,
      { action: { kind: 'assign', executorId: 'e-water', reason: 'Не їхня компетенція' }, baseVersion: 2 },
      analyst,
      ctx,
    );
    if (!forwarded.ok) throw new Error(forwarded.reason.message);
    expect([forwarded.decided.holder, forwarded.decided.previousHolder]).toEqual(['e-water', 'e-roads']);
    expect(forwarded.decided.change).toMatchObject({ executorBefore: 'e-roads' });
  });

  it('answers a refusal with its code and the refusal beside it', () => {
    const out = decideChange(appeal(), { action: { kind: 'control_accept' }, baseVersion: 1 }, analyst, ctx);
    expect(out).toMatchObject({ ok: false, reason: { code: 'conflict', refusal: 'not_allowed_now' } });
  });

  it('refuses assigning to an executor the directory does not have', () => {
    const out = decideChange(
      appeal(),
      { action: { kind: 'assign', executorId: 'e-nobody' }, baseVersion: 1 },
      analyst,
      ctx,
    );
    expect(out).toMatchObject({ ok: false, reason: { code: 'unknown_reference' } });
  });

  it('decides the deadline again when the category is corrected, but never shortens an extended one', () => {
    const corrected = decideChange(
      appeal(),
      { amendment: { corrections: { categoryId: 'short-term' } }, baseVersion: 1 },
      operator,
      ctx,
    );
    if (!corrected.ok) throw new Error(corrected.reason.message);
    expect(corrected.decided.appeal).toMatchObject({ deadlineOn: '2026-03-17', deadlineRule: 'ua_short_15' });
    const extended = appeal({
      deadlineOn: '2026-04-15',
      deadlineRule: 'ua_extended_45',
      lifecycle: { ...NEW_APPEAL_LIFECYCLE, extendedOn: '2026-03-03' },
    });
    const kept = decideChange(
      extended,
      { amendment: { corrections: { categoryId: 'short-term' } }, baseVersion: 1 },
      operator,
      ctx,
    );
    if (!kept.ok) throw new Error(kept.reason.message);
    expect(kept.decided.appeal).toMatchObject({ deadlineOn: '2026-04-15', deadlineRule: 'ua_extended_45' });
  });

  it('keeps reasons, texts and phones out of the audit details', () => {
    const out = decideChange(
      appeal(),
      { amendment: { supplement: 'Сусіди теж скаржаться', addPhones: ['+380501112233'] }, baseVersion: 1 },
      operator,
      ctx,
    );
    if (!out.ok) throw new Error(out.reason.message);
    expect(out.decided.audit).toEqual({
      kind: 'amend',
      version: 2,
      statusBefore: 'registered',
      statusAfter: 'registered',
      corrected: [],
      supplement: true,
      phonesAdded: 1,
    });
  });
});

describe('holderOf and staleVersion', () => {
  it('names no holder while the appeal is registered', () => {
    expect(holderOf({ status: 'registered', executorId: 'e-water' })).toBeNull();
    expect(holderOf({ status: 'closed', executorId: 'e-water' })).toBe('e-water');
  });

  it('names who changed the appeal meanwhile by role only', () => {
    expect(staleVersion('team_lead', 4, 3)).toMatchObject({ code: 'conflict', refusal: 'stale_version' });
    expect(staleVersion('team_lead', 4, 3).message).toMatch(/by a team lead \(version 4; .* version 3\)/);
    expect(staleVersion(null, 2, 1).message).toMatch(/by someone else/);
  });
});
