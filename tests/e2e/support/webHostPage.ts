// One web host (its own data folder, no server) and one Chromium page on it: the setup of the e2e
// tests that drive the workstation alone.
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess';

export interface WebHostPage {
  host: WebHostProcess;
  page: Page;
  /** Closes the browser, then stops the host. */
  close(): Promise<void>;
}

export async function openWebHostPage(): Promise<WebHostPage> {
  const host = await startWebHostProcess();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  return {
    host,
    page,
    close: async () => {
      await browser.close();
      await host.stop();
    },
  };
}
