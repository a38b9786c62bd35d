import fc from 'fast-check';
import { addDays, addMonths, daysBetween, isWeekend, localDateOf, weekday } from './localDate';

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('is not shifted by daylight-saving changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('rejects text that is not a date, or a date that does not exist', () => {
    expect(() => addDays('2026-2-1', 1)).toThrow(RangeError);
    expect(() => addDays('01.02.2026', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('moves by exactly the number of days daysBetween measures', () => {
    const date = fc
      .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-04-15', 1)).toBe('2026-05-15');
    expect(addMonths('2026-12-10', 1)).toBe('2027-01-10');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });
});

describe('weekday and isWeekend', () => {
  it('name Saturday and Sunday as the weekend', () => {
    expect(weekday('2026-11-22')).toBe(0);
    expect(isWeekend('2026-11-21')).toBe(true);
    expect(isWeekend('2026-11-22')).toBe(true);
    expect(isWeekend('2026-11-23')).toBe(false);
    expect(isWeekend('2026-11-27')).toBe(false);
  });
});

describe('localDateOf', () => {
  it('gives the date on the center wall calendar, not in UTC', () => {
    const lateEvening = new Date('2026-06-30T22:30:00Z');
    expect(localDateOf(lateEvening, 'UTC')).toBe('2026-06-30');
    expect(localDateOf(lateEvening, 'Europe/Kyiv')).toBe('2026-07-01');
    // Kazakhstan has used one zone, UTC+5, since March 2024.
    expect(localDateOf(new Date('2026-06-30T19:30:00Z'), 'Asia/Almaty')).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-06-30T18:30:00Z'), 'Asia/Almaty')).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-01-01T21:59:00Z'), 'Europe/Kyiv')).toBe('2026-01-01');
  });
});
