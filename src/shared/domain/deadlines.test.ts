import fc from 'fast-check';
import type { BenefitCategory } from './appeal';
import { benefitCategories } from './appeal';
import { computeDeadline, MAX_UA_TERM_DAYS, type DeadlineConfig, type DeadlineInput } from './deadlines';
import { addDays, daysBetween, isWeekend } from './localDate';

const ua: DeadlineConfig = { ruleSet: 'ua', holidays: [] };
const kz: DeadlineConfig = {
  ruleSet: 'kz',
  holidays: ['2026-03-21', '2026-03-22', '2026-03-23', '2026-05-01', '2026-05-07', '2026-05-09'],
};
const input = (over: Partial<DeadlineInput> = {}): DeadlineInput => ({
  receivedOn: '2026-11-02',
  term: 'standard',
  benefit: 'none',
  ...over,
});

describe('Ukrainian deadlines (Law 393/96-VR Art. 20)', () => {
  it('give 15 days to a question that needs no extra study', () => {
    expect(computeDeadline(input({ receivedOn: '2026-11-02', term: 'short' }), ua)).toEqual({
      deadlineOn: '2026-11-17',
      rule: 'ua_short_15',
      priority: false,
    });
  });

  it('give one calendar month otherwise', () => {
    const d = computeDeadline(input({ receivedOn: '2026-11-02' }), ua);
    expect(d).toMatchObject({ deadlineOn: '2026-12-02', rule: 'ua_month' });
  });

  it('give 45 days in total when the head of the body extends the term', () => {
    const d = computeDeadline(input({ receivedOn: '2026-11-02', extended: true }), ua);
    expect(d).toMatchObject({ deadlineOn: '2026-12-17', rule: 'ua_extended_45' });
  });

  it('move a deadline that falls on a weekend to the next Monday', () => {
    // 2026-11-06 + 15 days = Saturday 2026-11-21.
    expect(computeDeadline(input({ receivedOn: '2026-11-06', term: 'short' }), ua).deadlineOn).toBe(
      '2026-11-23',
    );
    // 2026-10-22 + 1 month = Sunday 2026-11-22.
    expect(computeDeadline(input({ receivedOn: '2026-10-22' }), ua).deadlineOn).toBe('2026-11-23');
  });

  it('move a deadline past a listed public holiday when holidays are days off', () => {
    const peacetime: DeadlineConfig = { ruleSet: 'ua', holidays: ['2026-08-24'] };
    // 2026-08-09 + 15 days = Monday 2026-08-24, Independence Day.
    expect(computeDeadline(input({ receivedOn: '2026-08-09', term: 'short' }), peacetime).deadlineOn).toBe(
      '2026-08-25',
    );
    expect(computeDeadline(input({ receivedOn: '2026-08-09', term: 'short' }), ua).deadlineOn).toBe(
      '2026-08-24',
    );
  });

  it('never let an extended deadline pass the 45-day ceiling: a weekend moves it back to Friday', () => {
    // 2026-10-07 + 45 days = Saturday 2026-11-21.
    const d = computeDeadline(input({ receivedOn: '2026-10-07', extended: true }), ua);
    expect(d.deadlineOn).toBe('2026-11-20');
  });

  it('mark appeals of benefit holders as priority without shortening the term', () => {
    for (const benefit of benefitCategories) {
      const d = computeDeadline(input({ benefit, term: 'short' }), ua);
      expect(d.priority).toBe(benefit !== 'none');
      expect(d.deadlineOn).toBe('2026-11-17');
    }
  });
});

describe('Ukrainian deadlines, for any receipt date and up to ten holidays', () => {
  const date = fc
    .date({ min: new Date(Date.UTC(2024, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const scenario = fc.record({
    receivedOn: date,
    term: fc.constantFrom('short' as const, 'standard' as const),
    benefit: fc.constantFrom<BenefitCategory>(...benefitCategories),
    extended: fc.boolean(),
    holidayOffsets: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 10 }),
  });

  it('are never more than 45 days after receipt and never before it', () => {
    fc.assert(
      fc.property(scenario, ({ holidayOffsets, ...rest }) => {
        const holidays = holidayOffsets.map((n) => addDays(rest.receivedOn, n));
        const { deadlineOn } = computeDeadline(rest, { ruleSet: 'ua', holidays });
        const days = daysBetween(rest.receivedOn, deadlineOn);
        expect(days).toBeLessThanOrEqual(MAX_UA_TERM_DAYS);
        expect(days).toBeGreaterThan(0);
      }),
    );
  });

  it('always fall on a working day', () => {
    fc.assert(
      fc.property(scenario, ({ holidayOffsets, ...rest }) => {
        const holidays = holidayOffsets.map((n) => addDays(rest.receivedOn, n));
        const { deadlineOn } = computeDeadline(rest, { ruleSet: 'ua', holidays });
        expect(isWeekend(deadlineOn) || holidays.includes(deadlineOn)).toBe(false);
      }),
    );
  });

  it('are never earlier for a longer term', () => {
    fc.assert(
      fc.property(date, (receivedOn) => {
        const short = computeDeadline(input({ receivedOn, term: 'short' }), ua).deadlineOn;
        const month = computeDeadline(input({ receivedOn, term: 'standard' }), ua).deadlineOn;
        expect(short <= month).toBe(true);
      }),
    );
  });
});

describe('Kazakh deadlines (Administrative Procedural Code Art. 76)', () => {
  it('count 15 working days, skipping weekends', () => {
    // Monday 2026-11-02: three full weeks later is Monday 2026-11-23.
    expect(computeDeadline(input({ receivedOn: '2026-11-02' }), kz)).toEqual({
      deadlineOn: '2026-11-23',
      rule: 'kz_15_working',
      priority: false,
    });
  });

  it('skip public holidays as well', () => {
    // Received Friday 2026-03-13; Nauryz (21-23 March) takes Monday the 23rd out.
    expect(computeDeadline(input({ receivedOn: '2026-03-13' }), kz).deadlineOn).toBe('2026-04-06');
    expect(
      computeDeadline(input({ receivedOn: '2026-03-13' }), { ruleSet: 'kz', holidays: [] }).deadlineOn,
    ).toBe('2026-04-03');
  });

  it('do not depend on the term of the question type', () => {
    const short = computeDeadline(input({ term: 'short' }), kz);
    const standard = computeDeadline(input({ term: 'standard' }), kz);
    expect(short).toEqual(standard);
  });

  it('extend to two months, moved off a weekend', () => {
    // 2026-09-22 + 2 months = Sunday 2026-11-22.
    expect(computeDeadline(input({ receivedOn: '2026-09-22', extended: true }), kz)).toMatchObject({
      deadlineOn: '2026-11-23',
      rule: 'kz_extended',
    });
  });

  it('mark benefit holders as priority', () => {
    expect(computeDeadline(input({ benefit: 'person_with_disability' }), kz).priority).toBe(true);
  });
});
