import type { AppealSummary } from '../../../shared/domain';
import { addDays, type LocalDate } from '../../../shared/domain/localDate';
import { DUE_SOON_DAYS } from '../../../shared/domain/worklists';

/** The official number once the server has assigned it, the provisional one until then. */
export const appealNumber = (a: Pick<AppealSummary, 'officialNumber' | 'provisionalNumber'>): string =>
  a.officialNumber ?? a.provisionalNumber;

export const isOverdue = (a: Pick<AppealSummary, 'status' | 'deadlineOn'>, today: LocalDate): boolean =>
  a.status !== 'closed' && a.deadlineOn < today;

/**
 * How the deadline of an open appeal stands: past it, or within DUE_SOON_DAYS of it (the same rule
 * as the backlog's counts), or neither.
 */
export function deadlineMark(
  a: Pick<AppealSummary, 'status' | 'deadlineOn'>,
  today: LocalDate,
): 'overdue' | 'due_soon' | null {
  if (a.status === 'closed') return null;
  if (a.deadlineOn < today) return 'overdue';
  return a.deadlineOn <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : null;
}
