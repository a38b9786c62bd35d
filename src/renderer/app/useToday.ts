import { useMemo } from 'react';
import { localDateOf, type LocalDate } from '../../shared/domain/localDate';
import { selectAppInfo } from './appSlice';
import { useAppSelector } from './hooks';

/** Today in the center's calendar: deadlines are counted in its days, not the browser's. */
export function useToday(): LocalDate {
  const timeZone = useAppSelector(selectAppInfo)?.center.timeZone ?? 'UTC';
  // Recomputed per render of the caller; a shift crossing midnight re-renders long before it matters.
  return useMemo(() => {
    try {
      return localDateOf(new Date(), timeZone);
    } catch {
      return localDateOf(new Date(), 'UTC');
    }
  }, [timeZone]);
}
