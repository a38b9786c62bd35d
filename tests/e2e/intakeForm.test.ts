// The intake form as an operator meets it over a shift, in Debian Chromium against the web host:
// what stays in place while typing, where the cursor goes, and what fits on a 1366x768 screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, visible } from './support/page';
import { openWebHostPage, type WebHostPage } from './support/webHostPage';
import type { WebHostProcess } from './support/webHostProcess';

let host: WebHostProcess;
let close: WebHostPage['close'] | undefined;
let page: Page;

const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

/** A fresh page at this size in a language (English by default: labels are looked up by name). */
async function openAt(width: number, height: number, language = 'en'): Promise<void> {
  await page.setViewportSize({ width, height });
  // The same URL again would only move to its fragment: leave first, so the app starts afresh.
  await page.goto('about:blank');
  await page.goto(host.url);
  await page.getByTestId('language-switch').selectOption(language);
  await visible(page.locator('#field-applicant-fullName'));
}

/** A typical appeal, filled by the fields' ids so that it works in every language. */
async function fillTypicalAppeal(): Promise<void> {
  const fill = (id: string, value: string) => page.locator(`#${id}`).fill(value);
  await page.locator('#field-type').check();
  await fill('field-applicant-fullName', 'Шевченко Оксана Петрівна');
  await fill('field-applicant-phones-0', '067 555 12 34');
  await fill('field-applicant-address-street', 'вул. Хрещатик');
  await fill('field-applicant-address-building', '22');
  await fill('field-applicant-address-flat', '5');
  await fill(
    'field-essence',
    'Третій день відсутнє гаряче водопостачання в усьому будинку, вода ледь тепла. На верхніх поверхах води немає зовсім.',
  );
  await page.locator('#field-categoryId').fill('Відсутність ГВП');
  await page.getByRole('listbox').getByRole('option').first().click();
  await eventually(
    () => page.locator('#field-executorId').inputValue(),
    (v) => v !== '',
  );
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where an element is on the screen, and how far its scroll containers have been scrolled. */
const placeOf = (selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el): Box & { scrolled: number } => {
      const r = el.getBoundingClientRect();
      let scrolled = 0;
      for (let p = el.parentElement; p; p = p.parentElement) scrolled += p.scrollTop;
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scrolled };
    });

const registerButton = '[data-testid="register-appeal"]';

beforeAll(async () => {
  ({ host, page, close } = await openWebHostPage());
});

afterAll(() => close?.());

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

  it('shows the anonymous-appeal warning without moving the form while the address is typed', async () => {
    await openAt(1366, 768);
    await textbox('Essence of the issue').fill('Не працює ліфт у другому під’їзді з понеділка.');
    await textbox('Full name').fill('Мельник Андрій Олегович');
    await textbox('Building').fill('41');
    await visible(page.getByTestId('anonymous-banner'));
    // Relative to the form's own top: scrolling (or the browser's scroll anchoring) cannot hide a shift.
    const inForm = async (selector: string) =>
      (await placeOf(selector)).top - (await placeOf('form[aria-label="New appeal"]')).top;
    const essenceAt = await inForm('#field-essence');
    const categoryAt = await inForm('#field-categoryId');
    const streetAt = await inForm('#field-applicant-address-street');
    await textbox('Street').click();
    const seen = new Set<boolean>();
    for (const ch of 'вул. Саксаганського') {
      await page.keyboard.type(ch);
      await page.keyboard.press('Backspace');
      await page.keyboard.type(ch);
      seen.add(await page.getByTestId('anonymous-banner').isVisible());
      expect(await inForm('#field-essence')).toBe(essenceAt);
      expect(await inForm('#field-categoryId')).toBe(categoryAt);
      expect(await inForm('#field-applicant-address-street')).toBe(streetAt);
    }
    // The warning went once the address was complete; nothing in the form moved for it.
    expect(seen).toContain(false);
  });

  it.each(['en', 'uk', 'ru', 'kk'])(
    'shows the whole intake of a typical appeal at 1366x768 without scrolling (%s)',
    async (language) => {
      await openAt(1366, 768, language);
      await fillTypicalAppeal();
      await page.locator('#field-essence').focus();
      const height = await page.evaluate(() => innerHeight);
      for (const selector of [
        '#field-type',
        '#field-applicant-fullName',
        '#field-applicant-address-street',
        '#field-essence',
        '#field-categoryId',
        '#field-executorId',
        '#field-consentToPublish',
        registerButton,
      ]) {
        const place = await placeOf(selector);
        expect(place.top, selector).toBeGreaterThanOrEqual(0);
        expect(place.bottom, selector).toBeLessThanOrEqual(height);
        expect(place.scrolled, `${selector} is reached by scrolling`).toBe(0);
      }
    },
  );

  it('uses a 1920 px screen for wider rows: the type and channel, and name, phone and e-mail share a row', async () => {
    await openAt(1920, 1080);
    await fillTypicalAppeal();
    /** The vertical middle of an element: two fields on one row have (nearly) the same. */
    const middle = async (selector: string) => {
      const p = await placeOf(selector);
      return (p.top + p.bottom) / 2;
    };
    const sameRow = async (a: string, b: string) =>
      expect(Math.abs((await middle(a)) - (await middle(b))), `${a} and ${b}`).toBeLessThan(8);
    await sameRow('#field-channel', '#appeal-type-label');
    await sameRow('#field-applicant-phones-0', '#field-applicant-fullName');
    await sameRow('#field-applicant-email', '#field-applicant-fullName');
    await sameRow('#field-executorId', '#field-categoryId');
    const panel = await placeOf('[data-testid="caller-panel"]');
    expect(panel.right - panel.left).toBeGreaterThanOrEqual(380);
    expect((await placeOf(registerButton)).bottom).toBeLessThanOrEqual(1080);
  });
});
