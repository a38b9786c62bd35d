// What the operator reads in their language, in Debian Chromium against the real web host and
// server: sign-in refusals are not left in main's English, Kazakh dates are Kazakh (Chromium has
// no Kazakh calendar data, so Intl alone wrote "2026 M12 6" and ISO dates in the list), and the
// flat of an address is written in the screen's language, never stored as the English "flat".
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAppeals } from '../../src/server/appeals/repository';
import { completeAndRegister } from './support/appealForm';
import { launchChromium } from './support/chromium';
import { eventually, visible } from './support/page';
import { demoPassword, startRealServer, type RealServer } from './support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';

const SHOTS = '/tmp/localization';
const KK_MONTH =
  /(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан) \d{4} ж\./;

let server: RealServer;
let host: WebHostProcess;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  server = await startRealServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// A workstation of its own for each test: the sign-in (and the language) one test leaves in a web
// host is no other test's starting point.
beforeEach(async () => {
  host = await startWebHostProcess({ args: ['--server', server.url] });
});

afterEach(async () => {
  await host?.stop();
});

const language = (locale: string) => page.getByTestId('language-switch').selectOption(locale);

describe('the operator’s language', () => {
  it('says a wrong password in Ukrainian', async () => {
    await page.goto(host.url);
    await language('uk');
    await visible(page.getByRole('form', { name: 'Вхід до робочого місця' }));
    await page.getByRole('textbox', { name: 'Ім’я користувача' }).fill('operator1');
    await page.getByLabel('Пароль', { exact: false }).fill('not-the-password');
    await page.getByRole('button', { name: 'Увійти' }).click();
    const alert = await visible(page.getByRole('alert'));
    await page.screenshot({ path: `${SHOTS}-uk-wrong-password.png` });
    expect(await alert.innerText()).toBe('Неправильне ім’я користувача або пароль');
  });

  it('writes Kazakh dates and addresses on the closing step, in the appeals list and in the appeal', async () => {
    await page.goto(host.url);
    await language('en');
    await page.getByRole('textbox', { name: 'Username' }).fill('operator1');
    await page.getByLabel('Password', { exact: false }).fill(demoPassword('operator1'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('radio', { name: 'Statement or petition' }).check();
    await page.getByRole('textbox', { name: 'Full name' }).fill('Шевченко Оксана Петрівна');
    await page.getByLabel('Phone', { exact: true }).fill('067 555 12 34');
    await completeAndRegister(page);

    await language('kk');
    const deadline = await eventually(
      () => page.getByTestId('saved-deadline').innerText(),
      (t) => !/^\d{4}/.test(t),
    );
    expect(deadline).toMatch(new RegExp(`^\\d{1,2} ${KK_MONTH.source}$`));
    await page.screenshot({ path: `${SHOTS}-kk-saved.png` });

    await page.locator('#nav-appeals').click();
    const row = await visible(page.getByTestId('appeal-row'));
    const cells = await row.locator('td').allInnerTexts();
    await page.screenshot({ path: `${SHOTS}-kk-list.png` });
    // Columns: number, received, type, applicant, address, category, executor, status, deadline.
    expect([cells[1], cells[8]]).toEqual([
      expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/),
      expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/),
    ]);
    // The flat in Kazakh on a Kazakh screen; the line the server keeps names it in no UI language.
    expect(cells[4]).toBe('Київ, вул. Хрещатик 22, 5-пәтер');
    const preview = await eventually(
      async () =>
        (await listAppeals(server.pool, { limit: 10 }, { organisationId: null, today: '2026-01-01' }))
          .items[0]?.addressLine,
      (line) => line !== undefined,
    );
    expect(preview).toBe('Київ, вул. Хрещатик 22, кв. 5');

    await row.getByRole('button').first().click();
    const dialog = await visible(page.getByRole('dialog'));
    await page.screenshot({ path: `${SHOTS}-kk-detail.png` });
    const text = await dialog.innerText();
    expect(text).not.toMatch(/M\d{1,2}\b/);
    expect(text).toMatch(KK_MONTH);
    expect(text).toContain('Київ, вул. Хрещатик 22, 5-пәтер');
    await page.keyboard.press('Escape');
    await language('en');
    expect(await row.locator('td').nth(4).innerText()).toBe('Київ, вул. Хрещатик 22, flat 5');
    await language('uk');
    expect(await row.locator('td').nth(4).innerText()).toBe('Київ, вул. Хрещатик 22, кв. 5');
  });
});
