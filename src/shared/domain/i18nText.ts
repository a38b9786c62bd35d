import { z } from 'zod';

export const locales = ['uk', 'ru', 'kk', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** Text in the four interface languages; Ukrainian is required, the others fall back to it. */
export const I18nText = z.object({
  uk: z.string().min(1),
  ru: z.string().optional(),
  kk: z.string().optional(),
  en: z.string().optional(),
});
export type I18nText = z.infer<typeof I18nText>;

export const pickText = (text: I18nText, locale: Locale): string => text[locale] ?? text.uk;
