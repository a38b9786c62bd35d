// Screenshots of the intake form's suggestions with the shipped model, for a person to look at:
// the real web host (no server), Debian Chromium at 1366x768, an essence typed key by key in the
// language an operator of that locale would hear it in. Not a test. Needs the renderer built
// (`npx vite build`). Run:
//   npx tsx tests/e2e/support/suggestShots.ts /tmp/notes/shots ru kk uk en
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../../src/renderer/i18n/en';
import { kk } from '../../../src/renderer/i18n/kk';
import { ru } from '../../../src/renderer/i18n/ru';
import { uk } from '../../../src/renderer/i18n/uk';
import { openWebHostPage } from './webHostPage';

const DICTIONARIES = { en, kk, ru, uk } as const;

const ESSENCES: Record<string, { district: string; essence: string }> = {
  uk: {
    district: 'Оболонський',
    essence: 'Не працює ліфт у другому під’їзді вже тиждень, мешканці похилого віку',
  },
  ru: { district: 'Дарницкий', essence: 'Третий день нет горячей воды в квартире, в ЖЭКе трубку не берут' },
  kk: {
    district: 'Дарницкий',
    essence: 'Во дворе прорвало трубу, вода течёт по дороге, яма на проезжей части',
  },
  en: {
    district: 'Шевченківський',
    essence: 'Не горить світло в під’їзді на третьому поверсі, лампочки немає',
  },
};

const [outDir = '/tmp/suggest-shots', ...languages] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const { host, page, close } = await openWebHostPage();
try {
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const language of languages.length > 0 ? languages : ['uk', 'ru', 'kk', 'en']) {
    const sample = ESSENCES[language] ?? ESSENCES.uk!;
    const t = DICTIONARIES[language as keyof typeof DICTIONARIES] ?? uk;
    await page.goto(host.url);
    await page.getByRole('combobox', { name: /^(Мова|Language|Язык|Тіл)$/ }).selectOption(language);
    await page.getByRole('textbox', { name: t['field.district'] }).fill(sample.district);
    // The form keeps its draft across reloads: start each language from an empty essence.
    await page.getByRole('textbox', { name: t['field.essence'] }).fill('');
    await page.getByRole('textbox', { name: t['field.essence'] }).click();
    await page.keyboard.type(sample.essence, { delay: 10 });
    await page.waitForTimeout(800);
    const file = path.join(outDir, `suggest-${language}-1366.png`);
    await page.screenshot({ path: file });
    console.info(file);
  }
} finally {
  await close();
}
