// An operator's day with the central server, end to end: Debian Chromium, the real web host process
// started with `--server`, the real server on an embedded PostgreSQL. Sign-in, registration, the
// official number coming back, and a pulled network cable (the server stopped) that only delays things.
import { completeAndRegister } from './support/appealForm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { eventually, visible } from './support/page';
import { demoPassword, startRealServer, type RealServer } from './support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';

const OFFICIAL = /^1551-\d{4}-\d{6}$/;
const PROVISIONAL = /^P-[0-9A-Z]{4}-\d{6}$/;
const SCREENSHOT = '/tmp/sync-workstation.png';

let server: RealServer;
let host: WebHostProcess;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  server = await startRealServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 40_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// A workstation of its own for each test, signed out, with nothing waiting, and the server up:
// no test starts from the session or the outage another one left.
beforeEach(async () => {
  if (!server.running()) await server.start();
  host = await startWebHostProcess({ args: ['--server', server.url] });
});

afterEach(async () => {
  await host?.stop();
});

/** The sign-in form of this test's workstation, in English, with operator1's username typed. */
async function openSignIn(): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('combobox', { name: 'Мова' }).selectOption('en');
  await visible(page.getByRole('form', { name: 'Sign in to the workstation' }));
  await page.getByRole('textbox', { name: 'Username' }).fill('operator1');
}

async function signIn(): Promise<void> {
  await openSignIn();
  await page.getByLabel('Password', { exact: false }).fill(demoPassword('operator1'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('textbox', { name: 'Full name' }));
}

const syncChip = () => page.getByTestId('sync-state').getByRole('status');
const chipText = () => syncChip().innerText();

async function registerAppeal(fullName: string): Promise<string> {
  await page
    .getByRole('tab', { name: 'New appeal' })
    .or(page.getByRole('link', { name: 'New appeal' }))
    .first()
    .click();
  const startOver = page.getByTestId('saved-panel').getByRole('button', { name: 'New appeal' });
  if (await startOver.isVisible()) await startOver.click();
  await page.getByRole('radio', { name: 'Statement or petition' }).check();
  await page.getByRole('textbox', { name: 'Full name' }).fill(fullName);
  await page.getByLabel('Phone', { exact: true }).fill('067 555 12 34');
  const number = await completeAndRegister(page);
  // Online, the official number may already have replaced the provisional one on screen.
  expect(number).toMatch(new RegExp(`${PROVISIONAL.source}|${OFFICIAL.source}`));
  return number;
}

/** The number shown in the appeals list for the caller: the official one once the server assigned it. */
async function listedNumber(fullName: string): Promise<string> {
  await page
    .getByRole('tab', { name: 'Appeals' })
    .or(page.getByRole('link', { name: 'Appeals' }))
    .first()
    .click();
  const row = page.getByTestId('appeal-row').filter({ hasText: fullName });
  await visible(row);
  return row.getByRole('button').first().innerText();
}

async function serverNumberOf(fullName: string): Promise<string | null> {
  const { rows } = await server.pool.query<{ official_number: string | null }>(
    "SELECT official_number FROM appeals WHERE record->'applicant'->>'fullName' = $1",
    [fullName],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.official_number ?? null;
}

describe('the workstation with the central server', () => {
  it('asks to sign in and says plainly when the password is wrong', async () => {
    await openSignIn();
    await page.getByLabel('Password', { exact: false }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toMatch(/password/i);
  });

  it('signs in as a demo operator, registers an appeal and shows its official number once synced', async () => {
    await openSignIn();
    await page.getByLabel('Password', { exact: false }).fill(demoPassword('operator1'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('textbox', { name: 'Full name' }));
    // The signed-in account, not the OS user the web host runs as.
    await eventually(
      () => page.getByTestId('operator-name').innerText(),
      (t) => t === 'Operator: Demo Operator 1',
    );
    await registerAppeal('Шевченко Оксана Петрівна');
    const official = await eventually(
      () => serverNumberOf('Шевченко Оксана Петрівна'),
      (n) => n !== null,
    );
    expect(official).toMatch(OFFICIAL);
    // The closing step, still on screen, swaps the provisional number for the official one.
    await eventually(
      () => page.getByTestId('saved-number').innerText(),
      (n) => n === official,
    );
    await eventually(
      () => listedNumber('Шевченко Оксана Петрівна'),
      (n) => n === official,
    );
    await eventually(chipText, (t) => t === 'Online');
    await page.screenshot({ path: SCREENSHOT });
  });

  it('keeps working through an outage and syncs when the server returns', async () => {
    await signIn();
    await server.stop();
    await eventually(chipText, (t) => t.startsWith('Offline since'));
    expect(await registerAppeal('Бондаренко Ігор Васильович')).toMatch(PROVISIONAL);
    await eventually(chipText, (t) => /^Offline since \d\d:\d\d · 1 waiting$/.test(t));
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-offline.png') });
    expect(await serverNumberOf('Бондаренко Ігор Васильович')).toBeNull();

    await server.start();
    const back = Date.now();
    await eventually(chipText, (t) => t === 'Online', 8_000);
    console.info(
      `web host (default timing) online with 0 waiting ${Date.now() - back} ms after the server returned`,
    );
    const official = await eventually(
      () => serverNumberOf('Бондаренко Ігор Васильович'),
      (n) => n !== null,
    );
    expect(official).toMatch(OFFICIAL);
    await eventually(
      () => page.getByTestId('saved-number').innerText(),
      (n) => n === official,
    );
    await eventually(
      () => listedNumber('Бондаренко Ігор Васильович'),
      (n) => n === official,
    );
  });
});
