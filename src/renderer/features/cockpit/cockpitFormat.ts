// Figures of the cockpit in the lead's language: counts and shares with the locale's separators,
// running times as a clock (m:ss, h:mm:ss), averages in words, times of day in the center's zone.
import { useMemo } from 'react';
import type { Locale } from '../../../shared/domain/i18nText';
import { selectAppInfo, selectLocale } from '../../app/appSlice';
import { useAppSelector } from '../../app/hooks';
import { localeTag, type Translate } from '../../i18n/translate';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A running time as a clock: 0:07, 12:30, 1:02:03. Negative (a clock behind) reads as 0:00. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

export interface CockpitFormat {
  locale: Locale;
  count: (n: number) => string;
  /** A share 0..1 as a whole percent; null (nothing to divide) as a dash. */
  percent: (ratio: number | null) => string;
  /** An average in seconds in words ("3 min 20 s"); null as a dash. */
  seconds: (s: number | null) => string;
  /** A time of day (HH:MM) in the center's time zone. */
  timeOfDay: (msOrIso: number | string) => string;
}

export function makeCockpitFormat(locale: Locale, timeZone: string | undefined, t: Translate): CockpitFormat {
  // Chromium has no Kazakh number data; Russian separators read the same in Kazakhstan.
  const tag = locale === 'kk' ? 'ru-RU' : localeTag(locale);
  const numbers = new Intl.NumberFormat(tag);
  const percents = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const times = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const dash = t('cockpit.queue.none');
  return {
    locale,
    count: (n) => numbers.format(n),
    percent: (ratio) => (ratio === null ? dash : percents.format(ratio)),
    seconds: (value) => {
      if (value === null) return dash;
      const total = Math.round(value);
      if (total < 60) return t('cockpit.duration.sec', { s: total });
      if (total < 3600) return t('cockpit.duration.minSec', { m: Math.floor(total / 60), s: total % 60 });
      return t('cockpit.duration.hourMin', {
        h: Math.floor(total / 3600),
        m: Math.floor((total % 3600) / 60),
      });
    },
    timeOfDay: (value) => times.format(new Date(value)),
  };
}

export function useCockpitFormat(t: Translate): CockpitFormat {
  const locale = useAppSelector(selectLocale);
  const timeZone = useAppSelector(selectAppInfo)?.center.timeZone;
  return useMemo(() => makeCockpitFormat(locale, timeZone, t), [locale, timeZone, t]);
}
