// The work lists each role works from (issue 12, item 3), defined once for the workstation's cache
// and the server's lists. Every list puts benefit holders first (`priority`), then the nearest
// deadline, then the oldest: the order the law and the centers' practice ask for.
import { z } from 'zod';
import type { Role } from '../sync/auth';
import type { AppealStatus } from './appeal';

export const workListIds = [
  /** Registered, not yet routed to an executor: the analyst assigns. */
  'to_assign',
  /** Answered by the executor: the analyst checks the answer. */
  'to_check',
  /** Accepted answers: the feedback operator calls the citizen back (those due now). */
  'to_call_back',
  /** The appeals this user registered, newest first. */
  'my_recent',
  /** An executor organisation's open appeals. */
  'inbox',
  /** Every open appeal (lead and admin): narrowed by executor from the backlog. */
  'open',
] as const;
export const WorkListId = z.enum(workListIds);
export type WorkListId = z.infer<typeof WorkListId>;

export interface WorkListRule {
  statuses: readonly AppealStatus[];
  /** Only the signed-in user's own appeals (`operatorId`). */
  mine?: true;
  /** Only appeals of the signed-in executor's organisation. */
  organisation?: true;
  /** Only appeals whose next callback is due (null or in the past). */
  callbackDue?: true;
  /** Newest first instead of priority, deadline, age. */
  newestFirst?: true;
}

export const OPEN_STATUSES: readonly AppealStatus[] = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_control_check',
  'awaiting_applicant_check',
  'rework',
];

export const WORK_LISTS: Record<WorkListId, WorkListRule> = {
  to_assign: { statuses: ['registered'] },
  to_check: { statuses: ['awaiting_control_check'] },
  to_call_back: { statuses: ['awaiting_applicant_check'], callbackDue: true },
  my_recent: { statuses: [...OPEN_STATUSES, 'closed'], mine: true, newestFirst: true },
  inbox: { statuses: ['assigned', 'in_progress', 'rework'], organisation: true },
  open: { statuses: OPEN_STATUSES },
};

/** The lists a role sees, its home first. */
export const WORK_LISTS_OF: Record<Role, readonly WorkListId[]> = {
  operator: ['my_recent'],
  analyst: ['to_assign', 'to_check', 'open'],
  feedback: ['to_call_back', 'my_recent'],
  team_lead: ['open', 'to_assign', 'to_check', 'to_call_back'],
  admin: ['open', 'to_assign', 'to_check', 'to_call_back'],
  executor: ['inbox'],
};

/** The screen a role starts on. The operator's is the intake form; a lead's and admin's the cockpit (issue 13). */
export const homeScreens = ['intake', 'worklists', 'backlog', 'cockpit'] as const;
export type HomeScreen = (typeof homeScreens)[number];
export const HOME_OF: Record<Role, HomeScreen> = {
  operator: 'intake',
  analyst: 'worklists',
  feedback: 'worklists',
  executor: 'worklists',
  team_lead: 'cockpit',
  admin: 'cockpit',
};

/** Days before the deadline when an open appeal counts as due soon in the backlog. */
export const DUE_SOON_DAYS = 3;

export const BacklogRow = z.object({
  executorId: z.string(),
  open: z.number().int().min(0),
  dueSoon: z.number().int().min(0),
  overdue: z.number().int().min(0),
});
export type BacklogRow = z.infer<typeof BacklogRow>;
