import type { Locale } from '../../shared/domain/i18nText';
import type { LocalDate } from '../../shared/domain/localDate';
import type { Dictionary, MessageKey } from './dictionary';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';
import { uk } from './uk';

export const dictionaries: Record<Locale, Dictionary> = { uk, ru, kk, en };

/** Names of the languages in themselves, for the language switch. */
export const localeNames: Record<Locale, string> = {
  uk: 'Українська',
  ru: 'Русский',
  kk: 'Қазақша',
  en: 'English',
};

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const TAGS: Record<Locale, string> = { uk: 'uk-UA', ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };
export const localeTag = (locale: Locale) => TAGS[locale];

/**
 * Kazakh month names. Chromium ships no Kazakh calendar data and writes "2026 M12 6" and
 * "2026-12-06", so Kazakh dates are put together here: "6 желтоқсан 2026 ж.", "06.12.2026".
 */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const kkLong = (p: DateParts) => `${p.day} ${KK_MONTHS[p.month - 1]} ${p.year} ж.`;
const kkShort = (p: DateParts) => `${pad2(p.day)}.${pad2(p.month)}.${p.year}`;

function partsOf(date: LocalDate): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

const utcDay = (p: DateParts) => new Date(Date.UTC(p.year, p.month - 1, p.day));

/** A calendar date in the operator's language: "7 грудня 2026 р.", "7 December 2026", "7 желтоқсан 2026 ж.". */
export function formatLocalDate(date: LocalDate, locale: Locale): string {
  const p = partsOf(date);
  if (!p) return date;
  if (locale === 'kk') return kkLong(p);
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDay(p));
}

/** A compact date for tables: 07.12.2026 / 07/12/2026. */
export function formatShortDate(date: LocalDate, locale: Locale): string {
  const p = partsOf(date);
  if (!p) return date;
  if (locale === 'kk') return kkShort(p);
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDay(p));
}

export function formatDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === 'kk') {
    // Numbers only from Intl (every build has them), in the center's zone.
    const parts = new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }).formatToParts(d);
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((x) => x.type === type)?.value);
    const date = { year: part('year'), month: part('month'), day: part('day') };
    return `${kkLong(date)}, ${pad2(part('hour'))}:${pad2(part('minute'))}`;
  }
  return new Intl.DateTimeFormat(localeTag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(d);
}
