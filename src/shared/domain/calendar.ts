// Public-holiday calendars (resources/calendar/<country>.json), read by the workstation and by the
// server, which both count deadlines. A file lists the holidays the law names; `holidaysAreDaysOff`
// says whether they currently move deadlines. In Ukraine martial law (Law No. 2136-IX, Art. 6) makes
// public holidays working days, so the file keeps the list but the effective set is empty until that
// setting is switched back.
import { z } from 'zod';
import { I18nText } from './i18nText';

const LocalDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const HolidayCalendar = z
  .object({
    country: z.enum(['UA', 'KZ']),
    /** Where the list comes from (the law and article). */
    source: z.string().min(1),
    note: z.string().min(1),
    /** False while holidays are working days by law (e.g. Ukraine under martial law). */
    holidaysAreDaysOff: z.boolean(),
    holidays: z.array(z.object({ date: LocalDateText, name: I18nText }).strict()),
  })
  .strict();
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

/** The dates that are days off now, sorted and without duplicates. */
export function effectiveHolidays(calendar: HolidayCalendar): string[] {
  if (!calendar.holidaysAreDaysOff) return [];
  return [...new Set(calendar.holidays.map((h) => h.date))].sort();
}
