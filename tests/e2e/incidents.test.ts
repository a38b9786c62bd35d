// Mass incidents in Chromium against the web host and the real server (issue 14, part 3). Appeals
// pushed as another workstation would form an incident; the team lead's cockpit alerts on it (its
// size and place), lists it and splits and closes it with the result said plainly; an operator who
// types the caller's building sees "known incident" with the words to read, links the appeal with
// Alt+L, and the form says it is linked once its push has reached the server.
// With INCIDENT_SHOTS=<folder> it also saves screenshots at 1366x768 and 1920x1080 in uk and en.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/domain/ids';
import { SYNC_PATHS } from '../../src/shared/sync/protocol';
import { appealPayload } from '../integration/support/testDatabase';
import { launchChromium } from './support/chromium';
import { eventually, visible } from './support/page';
import { demoPassword, startRealServer, type RealServer } from './support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';

const LIFTS = { categoryId: 't-cfc53634', executorId: 'e-c042331b' };
const SHOTS = process.env.INCIDENT_SHOTS ?? null;

let server: RealServer;
let host: WebHostProcess;
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  server = await startRealServer(
    {},
    { incidents: { minAppeals: 3, windowMinutes: 120, radiusMeters: 150, scanMs: 200 } },
  );
  host = await startWebHostProcess({ args: ['--server', server.url] });
  browser = await launchChromium();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await server?.close();
});

/** Appeals about a lift at one building, pushed as another operator's workstation pushes them. */
async function formIncident(street: string, building: string, count = 3): Promise<void> {
  const deviceId = crypto.randomUUID();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator2', password: demoPassword('operator2'), deviceId }),
  });
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
  const mutations = Array.from({ length: count }, (_, i) => {
    const payload = appealPayload({
      ...LIFTS,
      operatorId: user.id,
      essence: 'Не працює ліфт у під’їзді, люди застрягли.',
      applicant: {
        fullName: 'Заявник Тестовий',
        phones: ['+380671234567'],
        address: { city: 'Київ', district: '', street, building, flat: String(i + 1) },
        email: '',
        iin: '',
      },
    });
    return {
      mutationId: uuidv7(),
      seq: i + 1,
      entityId: payload.id,
      createdAt: payload.createdAt,
      authorId: user.id,
      type: 'appeal.create',
      payload,
    };
  });
  const pushed = await fetch(`${server.url}${SYNC_PATHS.push}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ deviceId, epoch: null, mutations }),
  });
  expect(pushed.status).toBe(200);
}

async function signIn(page: Page, username: string, ready: () => Promise<unknown>): Promise<void> {
  await page.goto(host.url);
  await page.getByTestId('language-switch').selectOption('en');
  await visible(page.getByRole('form', { name: 'Sign in to the workstation' }));
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password', { exact: false }).fill(demoPassword(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await ready();
}

/** Screenshots of the page as it is, at both sizes and in both languages (then back to English). */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const locale of ['en', 'uk'] as const) {
    await page.getByTestId('language-switch').selectOption(locale);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}x${height}.png`) });
    }
  }
  await page.getByTestId('language-switch').selectOption('en');
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('mass incidents in the browser', { timeout: 120_000 }, () => {
  it('alerts the team lead when an incident forms and lets them split and close it', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'lead', () => visible(page.getByTestId('incidents-panel'), 30_000));
    await formIncident('вул. Саксаганського', '41');
    const alert = await visible(page.getByTestId('incident-alert'), 20_000);
    expect(await alert.innerText()).toMatch(/New incident: 3 appeals · .+ · Київ, вул\. Саксаганського 41/);
    await shoot(page, 'lead-cockpit-alert');

    await alert.getByRole('button', { name: 'Open' }).click();
    const dialog = await visible(page.getByTestId('incident-dialog'));
    await visible(dialog.getByTestId('incident-facts'));
    await dialog.getByRole('checkbox').first().check();
    await shoot(page, 'lead-incident-dialog');
    await dialog.getByRole('button', { name: 'Split off the chosen appeals (1)' }).click();
    expect(await (await visible(dialog.getByTestId('incident-outcome'))).innerText()).toBe(
      'Split: a new incident of 1 appeals was made.',
    );
    await dialog.getByRole('button', { name: 'Close the incident' }).click();
    await dialog.getByRole('textbox', { name: /Answer given/ }).fill('Ліфт відремонтовано, працює.');
    await shoot(page, 'lead-incident-close');
    await dialog.getByRole('button', { name: 'Close and move the appeals on' }).click();
    await eventually(
      () => dialog.getByTestId('incident-outcome').innerText(),
      (t) => t.startsWith('Closed: 2 appeals moved on to the callback step, 0 were already past it.'),
    );
    await shoot(page, 'lead-incident-closed');
    // The web host holds one sign-in: the lead leaves for the operator's test.
    await dialog.getByRole('button', { name: 'Close window' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('form', { name: 'Sign in to the workstation' }));
    await page.close();
  });

  it('shows the operator the known incident and links the appeal with Alt+L', async () => {
    await formIncident('вул. Велика Васильківська', '100');
    const page = await browser.context.newPage();
    await signIn(page, 'operator1', () => visible(page.getByRole('textbox', { name: 'Full name' })));
    await page.getByRole('radio', { name: 'Complaint' }).check();
    await page.getByRole('textbox', { name: 'Full name' }).fill('Мельник Андрій Олегович');
    await page.getByRole('textbox', { name: 'Phone' }).fill('0501112233');
    await page.getByRole('textbox', { name: 'Street' }).fill('вул. Велика Васильківська');
    await page.getByRole('textbox', { name: 'Building' }).fill('100');
    const hint = await visible(page.getByTestId('caller-incident'), 20_000);
    expect(await hint.innerText()).toContain('Known incident');
    await page.getByRole('textbox', { name: 'Essence of the issue' }).fill('Не працює ліфт з ранку.');
    await page.getByRole('combobox', { name: 'Category' }).fill('ліфт');
    await visible(page.getByRole('listbox').getByRole('option'));
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Essence of the issue' }).focus();
    await page.keyboard.press('Alt+l');
    const status = await visible(page.getByTestId('incident-link-status'));
    expect(await status.innerText()).toContain('This appeal will be linked to the known incident');
    await shoot(page, 'operator-known-incident');
    await page.keyboard.press('Control+s');
    await visible(page.getByTestId('saved-number'));
    await eventually(
      () => page.getByTestId('incident-link-status').getAttribute('data-state'),
      (s) => s === 'linked' || s === 'queued',
    );
    await shoot(page, 'operator-linked');
    await page.close();
  });
});
