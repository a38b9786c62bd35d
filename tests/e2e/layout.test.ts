// The shell at the screen sizes operators have (1024, 1366 and 1920 wide), signed in to the real
// server under a name as long as real ones: no page wider than the window, a top bar that no
// keyboard jump scrolls away, and nothing in the top bar cut short with "…" at 1366 in any language.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUsers } from '../../src/server/db/seed';
import { CHROMIUM_PATH, HEADLESS_ARGS } from './support/chromium';
import { eventually, visible } from './support/page';
import { startRealServer, type RealServer } from './support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';

const OPERATOR = { username: 'kovalenko', password: 'layout-test-password', role: 'operator' as const };
/** As long as the names the center's operators really have. */
const OPERATOR_NAME = 'Коваленко-Шевчук Олександра Володимирівна';
const SHOTS = '/tmp/layout';

let server: RealServer;
let host: WebHostProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startRealServer();
  await seedUsers(server.pool, [{ ...OPERATOR, name: OPERATOR_NAME }]);
  host = await startWebHostProcess({ args: ['--server', server.url] });
  // Headless Chromium hides scrollbars unless told otherwise; the operators' desktop Chromium draws
  // classic ones, and it is their room taken from a 100vh layout that lets a jump scroll the page.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: HEADLESS_ARGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(host.url);
  await page.getByTestId('language-switch').selectOption('en');
  await visible(page.getByRole('form', { name: 'Sign in to the workstation' }));
  await page.getByRole('textbox', { name: 'Username' }).fill(OPERATOR.username);
  await page.getByLabel('Password', { exact: false }).fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('textbox', { name: 'Full name' }));
  await eventually(
    () => page.getByTestId('sync-state').getByRole('status').innerText(),
    (t) => t === 'Online',
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await server?.close();
});

const overflow = () =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    topBarTop: document.querySelector('header')!.getBoundingClientRect().top,
  }));

/**
 * Every text in the top bar that does not fit its box: an element whose content is wider than it
 * (what `text-overflow: ellipsis` cuts), and the language select's chosen name against its room.
 */
const cutShort = () =>
  page.evaluate(() => {
    const header = document.querySelector('header')!;
    const cut: string[] = [];
    for (const el of header.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      // Screen-reader-only text is clipped to 1 px on purpose.
      if (box.width <= 2) continue;
      if (el.scrollWidth > el.clientWidth && (el.textContent ?? '').trim() !== '')
        cut.push(`${el.tagName}.${el.className}: "${el.textContent}" ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const select = header.querySelector<HTMLSelectElement>('select')!;
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]!.text;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (context.measureText(text).width > room) cut.push(`language "${text}" needs more than ${room} px`);
    return cut;
  });

describe('the shell at operators’ screen sizes', () => {
  it.each([1024, 1366, 1920])(
    'is no wider than a %i px window and keeps its top bar on Alt+3',
    async (width) => {
      await page.setViewportSize({ width, height: 768 });
      await page.locator('#nav-intake').click();
      await page.waitForTimeout(200);
      const before = await overflow();
      await page.keyboard.press('Alt+3');
      await page.waitForTimeout(200);
      const jumped = await overflow();
      await page.keyboard.press('Alt+7');
      await page.waitForTimeout(200);
      const far = await overflow();
      await page.screenshot({ path: `${SHOTS}-${width}-alt7.png` });
      expect(before.scrollWidth).toBeLessThanOrEqual(before.innerWidth);
      expect([jumped.scrollY, jumped.topBarTop, far.scrollY, far.topBarTop]).toEqual([0, 0, 0, 0]);
    },
  );

  it.each(['uk', 'ru', 'kk', 'en'])('shows the whole top bar at 1366 px in %s', async (locale) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('language-switch').selectOption(locale);
    await page.waitForTimeout(300);
    await page.screenshot({
      path: `${SHOTS}-1366-${locale}.png`,
      clip: { x: 0, y: 0, width: 1366, height: 110 },
    });
    expect(await cutShort()).toEqual([]);
    expect(await page.getByTestId('operator-name').innerText()).toContain(OPERATOR_NAME);
  });
});
