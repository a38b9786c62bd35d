// The operator's main job, end to end: Debian Chromium, the real web host process, the real
// encrypted store. The form is filled by its visible labels, as a person (or a screen reader) finds it.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { eventually, visible } from './support/page';
import { startWebHostProcess, type WebHostProcess } from './support/webHostProcess';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const applicant = {
  fullName: 'Шевченко Оксана Петрівна',
  phone: '067 555 12 34',
  street: 'вул. Хрещатик',
  building: '22',
  flat: '5',
  essence: 'Третій день відсутнє гаряче водопостачання в усьому будинку, вода ледь тепла.',
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'ws-e2e-intake-'));
let host: WebHostProcess;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

/**
 * The app afresh in English (the same URL again would only move to its fragment, so leave first).
 * The language switch is named in the language last chosen, which an earlier test may have changed.
 */
async function openInEnglish(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.getByRole('combobox', { name: /^(Мова|Language)$/ }).selectOption('en');
  await visible(page.getByRole('textbox', { name: 'Full name' }));
}

async function fillAppeal(): Promise<void> {
  await page.getByRole('radio', { name: 'Statement or petition' }).check();
  await page.getByRole('textbox', { name: 'Full name' }).fill(applicant.fullName);
  await page.getByLabel('Phone', { exact: true }).fill(applicant.phone);
  await page.getByRole('textbox', { name: 'Street' }).fill(applicant.street);
  await page.getByRole('textbox', { name: 'Building' }).fill(applicant.building);
  await page.getByRole('textbox', { name: 'Flat' }).fill(applicant.flat);
  await page.getByRole('textbox', { name: 'Essence of the issue' }).fill(applicant.essence);
  const category = page.getByRole('combobox', { name: 'Category' });
  await category.fill('Відсутність ГВП');
  await page
    .getByRole('option', { name: /Відсутність ГВП/ })
    .first()
    .click();
  await eventually(
    () => page.getByRole('combobox', { name: 'Executor' }).inputValue(),
    (v) => v !== '',
  );
}

/** Set by whichever test registers the applicant's appeal first: the others need it, in any order. */
let registered: Promise<void> | undefined;

async function registerAppeal(): Promise<void> {
  await openInEnglish(host.url);
  await page.getByLabel('Phone', { exact: true }).fill('');
  await fillAppeal();
  await page.getByRole('button', { name: 'Register appeal' }).click();
  await visible(page.getByText('Appeal registered'));
}

const ensureRegistered = () => (registered ??= registerAppeal());

beforeAll(async () => {
  host = await startWebHostProcess({ dataDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const openSection = (name: string) =>
  page.getByRole('tab', { name }).or(page.getByRole('link', { name })).first().click();

describe('registering an appeal in the browser', () => {
  it('shows actionable messages for bad input and registers nothing', async () => {
    await openInEnglish(host.url);
    await page.getByLabel('Phone', { exact: true }).fill('12-ab');
    await page.getByRole('textbox', { name: 'Full name' }).focus();
    await visible(page.getByText(/not a phone number/i).first());
    // Leaving Full name adds its message above the button: let the form settle before the click,
    // or the button moves away from under the pointer between press and release.
    await page.getByRole('textbox', { name: 'Full name' }).blur();
    await visible(page.getByText(/Full name is required/i).first());
    await page.getByRole('button', { name: 'Register appeal' }).click();
    await visible(page.getByText(/Not registered: correct the highlighted fields/));
    await visible(page.getByText(/Essence of the issue is required/).first());
    await visible(page.getByText('This cannot be registered as an appeal'));
  });

  it('registers an appeal filled by its labels and reads back the number and deadline', async () => {
    const registering = registerAppeal();
    registered ??= registering;
    await registering;
    await visible(page.getByText(/P-[0-9A-Z]{4}-\d{6}/).first());
    await visible(page.getByText('Answer due by'));
  });

  it('finds the appeal by full-text search and by phone, and keeps it across a reload', async () => {
    await ensureRegistered();
    await openInEnglish(host.url);
    await openSection('Appeals');
    const search = page.getByRole('searchbox', { name: 'Search' });
    // An inflected form of a word in the essence: the search is not an exact-substring match.
    await search.fill('гарячого водопостачання');
    await visible(page.getByTestId('appeal-row').filter({ hasText: applicant.fullName }));
    await search.fill('+380 67 555-12-34');
    await visible(page.getByTestId('appeal-row').filter({ hasText: applicant.fullName }));
    await search.fill('каналізація');
    await visible(page.getByText('No appeals match.'));

    await page.reload();
    await openSection('Appeals');
    await visible(page.getByTestId('appeal-row').filter({ hasText: applicant.fullName }));
  });

  it('pops the caller history on the next call from the same phone', async () => {
    await ensureRegistered();
    await openInEnglish(host.url);
    await openSection('New appeal');
    const startOver = page.getByTestId('saved-panel').getByRole('button', { name: 'New appeal' });
    if (await startOver.isVisible()) await startOver.click();
    await page.getByLabel('Phone', { exact: true }).fill('+380675551234');
    await visible(page.getByTestId('caller-panel').getByTestId('caller-appeal'));
    await page.getByLabel('Street', { exact: true }).fill(applicant.street);
    await page.getByLabel('Building', { exact: true }).fill(applicant.building);
    // The same appeal now shows twice: in the caller's history and among the building's open appeals.
    await eventually(
      () => page.getByTestId('caller-panel').getByTestId('caller-appeal').count(),
      (n) => n >= 2,
    );
  });

  it('keeps the appeal across a restart of the web host, and never logs personal data', async () => {
    await ensureRegistered();
    const output = host.output();
    await host.stop();
    host = await startWebHostProcess({ dataDir });
    await openInEnglish(host.url);
    await openSection('Appeals');
    await visible(page.getByRole('row', { name: /Шевченко Оксана Петрівна/ }));

    for (const log of [output, host.output()]) {
      expect(log).not.toContain(applicant.fullName);
      expect(log).not.toContain('555 12 34');
      expect(log).not.toContain('5551234');
      expect(log).not.toContain('водопостачання');
    }
  });
});
