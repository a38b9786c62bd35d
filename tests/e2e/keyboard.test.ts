// Full operation without a mouse: every field is reached with Tab, the category is picked with
// the keyboard, and the appeal is saved with Ctrl+S.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visible } from './support/page';
import { openWebHostPage, type WebHostPage } from './support/webHostPage';
import type { WebHostProcess } from './support/webHostProcess';

let host: WebHostProcess;
let close: WebHostPage['close'] | undefined;
let page: Page;

/** The accessible label of the focused element (its <label>, aria-label or aria-labelledby). */
const focusedLabel = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const byLabel = el.labels?.[0]?.textContent ?? '';
    const byAria = el.getAttribute('aria-label') ?? '';
    const byId = el.getAttribute('aria-labelledby');
    const byRef = byId ? (document.getElementById(byId)?.textContent ?? '') : '';
    return (byLabel || byAria || byRef).replace(/\s*\*\s*$/, '').trim();
  });

/** Presses Tab until the field with this label has focus; fails if it is not in the tab order. */
async function tabTo(label: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await focusedLabel()) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${label}" was not reached with Tab`);
}

beforeAll(async () => {
  ({ host, page, close } = await openWebHostPage());
});

afterAll(() => close?.());

describe('keyboard-only registration', () => {
  it('registers an appeal without touching the mouse', async () => {
    await page.goto(host.url);
    await page.getByTestId('language-switch').selectOption('en');
    await visible(page.getByLabel('Full name', { exact: true }));
    await page.keyboard.press('Alt+n');

    await tabTo('Statement or petition');
    await page.keyboard.press('Space');
    await tabTo('Full name');
    await page.keyboard.type('Мельник Андрій Олегович');
    await tabTo('Phone');
    await page.keyboard.type('0501112233');
    await tabTo('Street');
    await page.keyboard.type('вул. Саксаганського');
    await tabTo('Building');
    await page.keyboard.type('41');
    await tabTo('Essence of the issue');
    await page.keyboard.type('Не працює ліфт у другому під’їзді з понеділка.');
    await tabTo('Category');
    await page.keyboard.type('ліфт');
    await visible(page.getByRole('listbox').getByRole('option'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');

    const number = await visible(page.getByTestId('saved-number'));
    expect(await number.textContent()).toMatch(/P-[0-9A-Z]{4}-\d{6}/);
    expect(await page.getByTestId('saved-deadline').textContent()).toMatch(/2\d{3}/);
  });
});
