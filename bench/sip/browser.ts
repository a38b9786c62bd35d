// Debian's Chromium for the softphone benchmark: one browser, one page per operator. Besides the
// flags of tests/e2e/support/chromium.ts it allows WebRTC on loopback (else calls are silent), gives
// the page a fake microphone without a prompt, accepts the test PBX's self-signed WSS certificate,
// and keeps background pages at full speed (20 operators share one browser; none is in front).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--ignore-certificate-errors',
  '--autoplay-policy=no-user-gesture-required',
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
