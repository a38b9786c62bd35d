import { locales } from '../../shared/domain/i18nText';
import type { MessageKey } from './dictionary';
import { en } from './en';
import { issueMessage } from './issueMessage';
import { dictionaries, formatDateTime, formatLocalDate, formatShortDate, translate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it.each(locales)('%s uses the same placeholders as English in every message', (locale) => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect([key, placeholders(dictionaries[locale][key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it.each(locales)('%s has no empty message', (locale) => {
    for (const [key, text] of Object.entries(dictionaries[locale]))
      expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'app.user', { role: 'Operator', name: 'Olena' })).toBe('Operator: Olena');
    expect(translate('uk', 'app.user', { role: 'Оператор' })).toBe('Оператор: {name}');
  });

  it('formats calendar dates in each language without shifting the day', () => {
    expect(formatLocalDate('2026-12-23', 'en')).toBe('23 December 2026');
    expect(formatLocalDate('2026-12-23', 'uk')).toMatch(/^23 грудня 2026/);
    expect(formatLocalDate('2026-12-23', 'ru')).toMatch(/^23 декабря 2026/);
    expect(formatLocalDate('2026-12-23', 'kk')).toBe('23 желтоқсан 2026 ж.');
  });

  // Chromium has no Kazakh calendar data: Intl there writes "2026 M12 6" and "2026-12-06".
  it('writes Kazakh dates itself, the same wherever it runs', () => {
    expect(formatLocalDate('2026-01-06', 'kk')).toBe('6 қаңтар 2026 ж.');
    expect(formatShortDate('2026-12-06', 'kk')).toBe('06.12.2026');
    expect(formatDateTime('2026-12-06T22:28:00.000Z', 'kk', 'Europe/Kyiv')).toBe(
      '7 желтоқсан 2026 ж., 00:28',
    );
  });
});

describe('field issue messages', () => {
  const codes = [
    'required',
    'too_long',
    'phone_invalid',
    'email_invalid',
    'iin_invalid',
    'too_small',
    'too_big',
    'not_allowed',
    'invalid',
    'invalid_format',
    'wrong_type',
    'unknown_field',
    'unstorable',
    'something_new',
  ];

  it.each(locales)('%s names the field for every issue code', (locale) => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
    const field = translate(locale, 'field.street');
    for (const code of codes) {
      const text = issueMessage(t, { path: 'applicant.address.street', code, message: 'x' });
      expect([code, text.includes(field)]).toEqual([code, true]);
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });

  it('says what a phone number must look like, per country', () => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
    expect(issueMessage(t, { path: 'applicant.phones.1', code: 'phone_invalid', message: '' })).toBe(
      'Phone 2: not a phone number. Type it as +380XXXXXXXXX or 0XXXXXXXXX.',
    );
    expect(issueMessage(t, { path: 'applicant.phones.0', code: 'phone_invalid', message: '' }, 'kz')).toMatch(
      /\+7XXXXXXXXXX/,
    );
  });

  it('states the length limit of the field', () => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
    expect(issueMessage(t, { path: 'applicant.fullName', code: 'too_long', message: '' })).toBe(
      'Full name is too long: at most 200 characters. Shorten it.',
    );
    expect(issueMessage(t, { path: 'categoryId', code: 'required', message: '' })).toBe(
      'Category: choose one.',
    );
  });
});
