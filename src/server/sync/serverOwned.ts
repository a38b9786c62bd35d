// The fields of a pushed appeal that the server decides, not the workstation: the date it was
// received (bounded by when the change was made and by the server's clock), the deadline and the
// priority (computed here with the same law as on the workstation), and the official number
// (numberProof.ts). A workstation that claims otherwise is corrected or refused; it can never mint
// a number in another year or move a deadline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenefitCategory } from '../../shared/domain/appeal';
import { effectiveHolidays, HolidayCalendar } from '../../shared/domain/calendar';
import { computeDeadline, type Deadline, type RuleSetId, type TermKind } from '../../shared/domain/deadlines';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from '../../shared/domain/lifecycle';
import { daysBetween, localDateOf } from '../../shared/domain/localDate';
import type { ServerDecidedAppealFields } from '../../shared/sync/protocol';
import { DEFAULT_MAX_OFFLINE_DAYS, defaultTimeZone } from '../config';

export interface AppealPolicy {
  ruleSet: RuleSetId;
  /** The center's IANA time zone: a received date is a calendar day there. */
  timeZone: string;
  holidays: readonly string[];
  /** How long a workstation may hold an appeal offline before the server refuses its dates. */
  maxOfflineDays: number;
  /** How far ahead of the server's clock a workstation's clock may run. */
  maxClockAheadMinutes: number;
  /** The lifecycle's settings (config.ts, AppealSettings.lifecycle); its ruleSet is `ruleSet`. */
  lifecycle: LifecyclePolicy;
}

export const DEFAULT_CALENDAR_DIR = join(process.cwd(), 'resources', 'calendar');

export function appealPolicy(
  o: Partial<Omit<AppealPolicy, 'holidays'>> & { calendarDir?: string } = {},
): AppealPolicy {
  const ruleSet = o.ruleSet ?? 'ua';
  const file = join(o.calendarDir ?? DEFAULT_CALENDAR_DIR, `${ruleSet}.json`);
  const calendar = HolidayCalendar.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    ruleSet,
    timeZone: o.timeZone ?? defaultTimeZone(ruleSet),
    holidays: effectiveHolidays(calendar),
    maxOfflineDays: o.maxOfflineDays ?? DEFAULT_MAX_OFFLINE_DAYS,
    maxClockAheadMinutes: o.maxClockAheadMinutes ?? 10,
    // An extension's ceiling is the same law as the deadline's, whatever the settings say.
    lifecycle: { ...(o.lifecycle ?? DEFAULT_LIFECYCLE_POLICY), ruleSet },
  };
}

/** What the server decides again, whatever the workstation proposed (SERVER_DECIDED_APPEAL_FIELDS). */
export type OwnedFields = ServerDecidedAppealFields;

export type OwnedCheck = { ok: true; fields: OwnedFields } | { ok: false; message: string };

/**
 * `createdAt` is when the workstation saved the appeal; `receivedOn` must be that moment's day in
 * the center (a day either side is tolerated for a workstation set to a neighbouring zone).
 * `term` is the category's (an unknown category counts the standard term).
 */
export function decideOwnedFields(
  claim: { receivedOn: string; createdAt: string; benefit: BenefitCategory },
  term: TermKind,
  policy: AppealPolicy,
  now: Date,
): OwnedCheck {
  const created = new Date(claim.createdAt);
  const ageMs = now.getTime() - created.getTime();
  if (ageMs < -policy.maxClockAheadMinutes * 60_000) {
    return { ok: false, message: 'createdAt is in the future: check the workstation clock' };
  }
  if (ageMs > policy.maxOfflineDays * 86_400_000) {
    return {
      ok: false,
      message: `createdAt is more than ${policy.maxOfflineDays} days ago; such an appeal must be registered again`,
    };
  }
  const createdOn = localDateOf(created, policy.timeZone);
  if (Math.abs(daysBetween(createdOn, claim.receivedOn)) > 1) {
    return { ok: false, message: `receivedOn ${claim.receivedOn} is not the day the appeal was saved` };
  }
  const deadline = decideDeadline(claim, term, policy);
  return {
    ok: true,
    fields: {
      receivedOn: claim.receivedOn,
      deadlineOn: deadline.deadlineOn,
      deadlineRule: deadline.rule,
      priority: deadline.priority,
    },
  };
}

/** The deadline and priority the law gives an appeal received on `receivedOn` in a category of `term`. */
export function decideDeadline(
  appeal: { receivedOn: string; benefit: BenefitCategory },
  term: TermKind,
  policy: Pick<AppealPolicy, 'ruleSet' | 'holidays'>,
): Deadline {
  return computeDeadline(
    { receivedOn: appeal.receivedOn, term, benefit: appeal.benefit },
    { ruleSet: policy.ruleSet, holidays: policy.holidays },
  );
}
