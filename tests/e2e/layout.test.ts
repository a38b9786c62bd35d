// The shell at the screen sizes operators have (1024, 1366 and 1920 wide), signed in to the real
// server under a name as long as real ones: no page wider than the window, a top bar that no
// keyboard jump scrolls away.
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
});
