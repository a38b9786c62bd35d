// Deadlines for answering an appeal, as law, chosen by configuration:
//  - Ukraine, Law 393/96-VR Art. 20: at most one month from receipt; 15 days when no extra study
//    is needed; the head of the body may extend to at most 45 days in total, telling the citizen.
//    Citizens with statutory benefits are handled first (priority, not a shorter term).
//    When the last day is a day off it moves to the next working day (Civil Code Art. 254(5)).
//  - Kazakhstan, Administrative Procedural Code Art. 76: 15 working days from registration,
//    extendable to 2 months with notice.
import type { BenefitCategory, DeadlineRuleId } from './appeal';
import { addDays, addMonths, isWeekend, type LocalDate } from './localDate';

export type RuleSetId = 'ua' | 'kz';

export interface DeadlineConfig {
  ruleSet: RuleSetId;
  /** Public holidays (non-working days) of the center's country, `YYYY-MM-DD`. */
  holidays: readonly LocalDate[];
}

/** The classifier says per question type whether an answer needs extra study (30 days) or not (15). */
export type TermKind = 'short' | 'standard';

export interface DeadlineInput {
  receivedOn: LocalDate;
  term: TermKind;
  benefit: BenefitCategory;
  extended?: boolean;
}

export interface Deadline {
  deadlineOn: LocalDate;
  rule: DeadlineRuleId;
  priority: boolean;
}

export function computeDeadline(input: DeadlineInput, config: DeadlineConfig): Deadline {
  const priority = input.benefit !== 'none';
  const holidays = new Set(config.holidays);
  const isDayOff = (d: LocalDate) => isWeekend(d) || holidays.has(d);
  if (config.ruleSet === 'ua') {
    const [rule, raw]: [DeadlineRuleId, LocalDate] = input.extended
      ? ['ua_extended_45', addDays(input.receivedOn, 45)]
      : input.term === 'short'
        ? ['ua_short_15', addDays(input.receivedOn, 15)]
        : ['ua_month', addMonths(input.receivedOn, 1)];
    let deadlineOn = raw;
    // Art. 20 makes 45 days an absolute ceiling, so an extended deadline on a day off moves back to
    // the last working day before it instead of forward past the ceiling.
    const step = input.extended ? -1 : 1;
    while (isDayOff(deadlineOn)) deadlineOn = addDays(deadlineOn, step);
    return { deadlineOn, rule, priority };
  }
  if (input.extended)
    return {
      deadlineOn: nextWorkingDay(addMonths(input.receivedOn, 2), isDayOff),
      rule: 'kz_extended',
      priority,
    };
  return { deadlineOn: addWorkingDays(input.receivedOn, 15, isDayOff), rule: 'kz_15_working', priority };
}

function addWorkingDays(from: LocalDate, count: number, isDayOff: (d: LocalDate) => boolean): LocalDate {
  let d = from;
  let left = count;
  while (left > 0) {
    d = addDays(d, 1);
    if (!isDayOff(d)) left--;
  }
  return d;
}

function nextWorkingDay(d: LocalDate, isDayOff: (d: LocalDate) => boolean): LocalDate {
  let day = d;
  while (isDayOff(day)) day = addDays(day, 1);
  return day;
}

/** The UA ceiling: an extended deadline never exceeds 45 days from receipt. */
export const MAX_UA_TERM_DAYS = 45;
