import { useMemo } from 'react';
import { selectAppInfo, selectLocale } from '../app/appSlice';
import { useAppSelector } from '../app/hooks';
import type { LocalDate } from '../../shared/domain/localDate';
import { formatDateTime, formatLocalDate, formatShortDate, translate, type Translate } from './translate';

/** The translation function for the operator's language. */
export function useT(): Translate {
  const locale = useAppSelector(selectLocale);
  return useMemo<Translate>(() => (key, vars) => translate(locale, key, vars), [locale]);
}

/** Dates in the operator's language (calendar dates) and the center's time zone (instants). */
export function useFormat() {
  const locale = useAppSelector(selectLocale);
  const timeZone = useAppSelector(selectAppInfo)?.center.timeZone;
  return useMemo(
    () => ({
      locale,
      date: (d: LocalDate) => formatLocalDate(d, locale),
      shortDate: (d: LocalDate) => formatShortDate(d, locale),
      dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
    }),
    [locale, timeZone],
  );
}
