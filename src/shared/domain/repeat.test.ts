import type { ClosingResult } from './appeal';
import { detectRepeat, isSameApplicant, isSameIssue, type RepeatCandidate, type RepeatProbe } from './repeat';

const probe = (over: Partial<RepeatProbe> = {}): RepeatProbe => ({
  applicantName: 'Шевченко Олена Петрівна',
  phones: ['+380671234567'],
  iin: '',
  address: { city: 'Київ', street: 'вул. Хрещатик', building: '22' },
  categoryId: 't-hotwater',
  ...over,
});

const candidate = (over: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  id: 'a-1',
  number: '1551-2026-000001',
  applicantName: 'Шевченко Олена Петрівна',
  phones: ['+380671234567'],
  iin: '',
  address: { city: 'Київ', street: 'Хрещатик', building: '22' },
  categoryId: 't-hotwater',
  status: 'closed',
  result: 'done',
  receivedOn: '2026-10-01',
  ...over,
});

describe('detectRepeat (Art. 8: repeated appeals on an issue resolved on the merits)', () => {
  it.each<ClosingResult>(['done', 'explained', 'done_by_applicant', 'refused'])(
    'flags a repeat when the same issue was closed on the merits as %s',
    (result) => {
      const previous = candidate({ result });
      expect(detectRepeat(probe(), [previous])).toEqual({ kind: 'resolved_repeat', previous });
    },
  );

  it.each<ClosingResult>(['needs_funding', 'planned'])(
    'does not flag a repeat when the issue was closed as %s, because it is still unresolved',
    (result) => {
      expect(detectRepeat(probe(), [candidate({ result })])).toEqual({ kind: 'none' });
    },
  );

  it('reports an open appeal on the same issue as a duplicate to link, not a repeat', () => {
    const open = candidate({ id: 'a-2', status: 'in_progress', result: null, receivedOn: '2026-11-01' });
    expect(detectRepeat(probe(), [candidate(), open])).toEqual({ kind: 'open_duplicate', previous: open });
  });

  it('prefers the most recent of several resolved appeals', () => {
    const older = candidate({ id: 'a-old', receivedOn: '2025-01-10' });
    const newer = candidate({ id: 'a-new', receivedOn: '2026-02-10', result: 'explained' });
    expect(detectRepeat(probe(), [older, newer])).toEqual({ kind: 'resolved_repeat', previous: newer });
  });

  it('ignores an appeal from the same person about another building', () => {
    const elsewhere = candidate({ address: { city: 'Київ', street: 'Хрещатик', building: '24' } });
    expect(detectRepeat(probe(), [elsewhere])).toEqual({ kind: 'none' });
  });

  it('ignores an appeal of another type at the same building', () => {
    expect(detectRepeat(probe(), [candidate({ categoryId: 't-lift' })])).toEqual({ kind: 'none' });
  });

  it('ignores a neighbour with the same problem in the same building', () => {
    const neighbour = candidate({ applicantName: 'Коваленко Іван Сергійович', phones: ['+380501112233'] });
    expect(detectRepeat(probe(), [neighbour])).toEqual({ kind: 'none' });
  });

  it('finds nothing in an empty history', () => {
    expect(detectRepeat(probe(), [])).toEqual({ kind: 'none' });
  });
});

describe('isSameApplicant', () => {
  it('matches a name written in another word order and case when a phone is shared', () => {
    const c = candidate({
      applicantName: 'олена петрівна ШЕВЧЕНКО',
      address: { city: 'Київ', street: 'Інша', building: '1' },
    });
    expect(isSameApplicant(probe(), c)).toBe(true);
  });

  it('matches a phone written in another format', () => {
    const c = candidate({
      phones: ['067 123 45 67'],
      address: { city: 'Київ', street: 'Інша', building: '1' },
    });
    expect(isSameApplicant(probe(), c)).toBe(true);
  });

  it('matches the same name at the same building without a shared phone', () => {
    expect(isSameApplicant(probe({ phones: [] }), candidate({ phones: ['+380509998877'] }))).toBe(true);
  });

  it('does not match the same name with neither a phone nor a building in common', () => {
    const c = candidate({
      phones: ['+380509998877'],
      address: { city: 'Київ', street: 'Інша', building: '1' },
    });
    expect(isSameApplicant(probe(), c)).toBe(false);
  });

  it('decides by IIN alone when both sides have one', () => {
    expect(
      isSameApplicant(
        probe({ iin: '850315300128' }),
        candidate({ iin: '850315300128', applicantName: 'Інше Ім’я' }),
      ),
    ).toBe(true);
    expect(isSameApplicant(probe({ iin: '850315300128' }), candidate({ iin: '901225401237' }))).toBe(false);
  });
});

describe('isSameIssue', () => {
  it('treats "вул. Хрещатик, 22" and "Хрещатик 22" as one building', () => {
    expect(isSameIssue(probe(), candidate())).toBe(true);
  });
});
