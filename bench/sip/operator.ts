// One signed-in operator at a workstation: the real web host process (`--server`, its own store)
// and a page of the shared benchmark browser, signed in, registered with the PBX and available.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { demoPassword } from '../../tests/e2e/support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from '../../tests/e2e/support/webHostProcess';

export interface Operator {
  username: string;
  page: Page;
  host: WebHostProcess;
  stop(): Promise<void>;
}

const SIGN_IN_TIMEOUT = Number(process.env.SIP_BENCH_SIGN_IN_MS ?? 30_000);

export const registrationOf = (page: Page): Promise<string | null> =>
  page.getByTestId('softphone-registration').getAttribute('data-state');

/**
 * Picks "Available" in the agent-state menu. Right after sign-in the pane may still be loading the
 * agent status and drop the choice, so it is picked again until the state shows.
 */
async function becomeAvailable(page: Page): Promise<void> {
  const available = page.locator('[data-testid="agent-state"][data-state="available"]');
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('agent-state').click();
    await page.getByRole('option', { name: 'Available' }).click();
    try {
      await available.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt * 3_000 >= SIGN_IN_TIMEOUT) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

export async function startOperator(input: {
  context: BrowserContext;
  username: string;
  serverUrl: string;
  rendererDir: string;
  /** The PBX's WebSocket URI, allowed by the host's Content-Security-Policy. */
  sipWsUri: string;
  /** A prepared data folder (e.g. holding the million-appeal store); a new one when absent. */
  dataDir?: string;
}): Promise<Operator> {
  const host = await startWebHostProcess({
    dataDir: input.dataDir,
    args: ['--server', input.serverUrl, '--renderer', input.rendererDir, '--connect-src', input.sipWsUri],
  });
  const page = await input.context.newPage();
  const stop = async () => {
    await page.close().catch(() => undefined);
    await host.stop();
  };
  try {
    await page.goto(host.url);
    await page.getByRole('combobox', { name: 'Мова' }).selectOption('en');
    await page.getByRole('textbox', { name: 'Username' }).fill(input.username);
    await page.getByLabel('Password', { exact: false }).fill(demoPassword(input.username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .locator('[data-testid="softphone-registration"][data-state="registered"]')
      .waitFor({ timeout: SIGN_IN_TIMEOUT });
    await becomeAvailable(page);
  } catch (error) {
    const registration = await registrationOf(page).catch(() => null);
    // The pane says why it is not registered (e.g. "not configured: ..."); no personal data there.
    const pane = await page
      .getByTestId('softphone-pane')
      .innerText({ timeout: 1_000 })
      .catch(() => '(no softphone pane)');
    const screenshot = join(tmpdir(), `sip-bench-${input.username}.png`);
    await page.screenshot({ path: screenshot }).catch(() => undefined);
    await stop();
    throw new Error(
      `${input.username} did not become available (registration: ${registration}): ${(error as Error).message}\n` +
        `pane: ${pane.replaceAll('\n', ' | ')}\nscreenshot: ${screenshot}\n` +
        host.output().split('\n').slice(-15).join('\n'),
      { cause: error },
    );
  }
  return { username: input.username, page, host, stop };
}
