// The intake form as an operator meets it over a shift, in Debian Chromium against the web host:
// what stays in place while typing, where the cursor goes, and what fits on a 1366x768 screen.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { eventually, visible } from './support/page';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';

let host: WebHostProcess;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

/** A fresh page at this size, in English (labels are looked up by their English names). */
async function openAt(width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(host.url);
  await page.getByTestId('language-switch').selectOption('en');
  await visible(textbox('Full name'));
}

beforeAll(async () => {
  host = await startWebHostProcess();
  browser = await launchChromium();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the intake form in the browser', () => {
  it('keeps a category with no match typed and answering after a refused Ctrl+S', async () => {
    await openAt(1366, 768);
    await page.getByRole('radio', { name: 'Complaint' }).check();
    await textbox('Full name').fill('Мельник Андрій Олегович');
    await textbox('Street').fill('вул. Саксаганського');
    await textbox('Building').fill('41');
    await textbox('Essence of the issue').fill('Не працює ліфт у другому під’їзді з понеділка.');
    const category = page.getByRole('combobox', { name: 'Category' });
    await category.click();
    await page.keyboard.type('жжжж');
    await visible(page.getByText('Nothing matches. Try other words.'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    await visible(page.getByText('Category: choose one.'));
    expect(await focusedId()).toBe('field-categoryId');
    expect(await category.inputValue()).toBe('жжжж');

    // The field still takes typing: the operator corrects it and registers with the keyboard.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('ліфт');
    await eventually(
      () => category.inputValue(),
      (v) => v === 'ліфт',
    );
    await visible(page.getByRole('listbox').getByRole('option'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    await visible(page.getByTestId('saved-number'));
  });
});
