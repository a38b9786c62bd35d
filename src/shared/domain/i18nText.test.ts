import { I18nText, pickText } from './i18nText';

describe('I18nText', () => {
  it('requires the Ukrainian text and allows the others to be missing', () => {
    expect(I18nText.safeParse({ uk: 'Опалення' }).success).toBe(true);
    expect(I18nText.safeParse({ ru: 'Отопление' }).success).toBe(false);
    expect(I18nText.safeParse({ uk: '' }).success).toBe(false);
  });

  it('picks the requested language and falls back to Ukrainian', () => {
    const text = { uk: 'Опалення', ru: 'Отопление', en: 'Heating' };
    expect(pickText(text, 'ru')).toBe('Отопление');
    expect(pickText(text, 'en')).toBe('Heating');
    expect(pickText(text, 'kk')).toBe('Опалення');
  });
});
