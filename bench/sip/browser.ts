// Debian's Chromium for the softphone benchmark: one browser, one page per operator. Besides the
// flags of tests/e2e/support/chromium.ts it allows WebRTC on loopback (else calls are silent), gives
// the page a fake microphone without a prompt, accepts the test PBX's self-signed WSS certificate,
// and keeps background pages at full speed (20 operators share one browser; none is in front).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, HEADLESS_ARGS, SOFTPHONE_ARGS } from '../../tests/e2e/support/chromium';

const ARGS = [
  ...HEADLESS_ARGS,
  ...SOFTPHONE_ARGS,
  // 20 operators share one browser and none is in front: keep background pages at full speed.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // Exposes performance.memory with exact figures (the CDP heap figure is the one reported).
  '--enable-precise-memory-info',
];

export interface BenchBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBenchBrowser(): Promise<BenchBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'uk-UA' });
  await context.grantPermissions(['microphone']);
  return { context, close: () => browser.close() };
}
