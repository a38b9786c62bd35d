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

/** A calendar date in the operator's language: "7 грудня 2026 р.", "7 December 2026". */
export function formatLocalDate(date: LocalDate, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const instant = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
}

/** A compact date for tables: 07.12.2026 / 07/12/2026. */
export function formatShortDate(date: LocalDate, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const instant = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
}

export function formatDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(d);
}
