import type { AppealSummary } from '../../../shared/domain';
import type { LocalDate } from '../../../shared/domain/localDate';

/** The official number once the server has assigned it, the provisional one until then. */
export const appealNumber = (a: Pick<AppealSummary, 'officialNumber' | 'provisionalNumber'>): string =>
  a.officialNumber ?? a.provisionalNumber;

export const isOverdue = (a: Pick<AppealSummary, 'status' | 'deadlineOn'>, today: LocalDate): boolean =>
  a.status !== 'closed' && a.deadlineOn < today;
