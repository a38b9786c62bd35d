// Debian's Chromium driven by playwright-core (no browser download is possible on these machines).
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium on a machine with a closed network (no background connections, no sandbox as root). */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Added for a softphone against the test PBX (SIP-TESTBED.md). */
export const SOFTPHONE_ARGS = [
  // Without it a call reaches "Established" in SIP with no audio at all.
  '--allow-loopback-in-peer-connection',
  // A fake microphone (a beep, so the far end measures audio energy), granted without a prompt.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // The test PBX's WSS listener has a self-signed certificate.
  '--ignore-certificate-errors',
  // Ringing and media must not wait for a user gesture or be throttled in a background page.
  '--autoplay-policy=no-user-gesture-required',
];

const ARGS = HEADLESS_ARGS;

export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ws-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'uk-UA',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
