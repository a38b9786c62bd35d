// Screenshots of the team lead's cockpit over the fake Api (src/renderer/test/harness), for a
// person to look at: 1366x768 and 1920x1080, in the languages asked. Not a test. Run:
//   npx vite build src/renderer/test/harness --config vite.config.ts --outDir /tmp/cockpit-harness --emptyOutDir --base ./
//   npx tsx tests/e2e/support/cockpitShots.ts /tmp/cockpit-harness /tmp/notes/shots uk en
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';

/** The cost of the ticking clock over 10 s, and an agent's change reaching its row (p50/p95 of 20). */
async function measureLive(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    return { script: get('ScriptDuration'), layout: get('LayoutDuration') + get('RecalcStyleDuration') };
  };
  const before = await metric();
  await page.waitForTimeout(10_000);
  const after = await metric();
  // A string, not a function: tsx would wrap the page's named functions in a helper it lacks.
  const updates = (await page.evaluate(`(async () => {
    const fake = window.cockpitFake;
    const agents = fake.floor.agents();
    const times = [];
    for (let i = 0; i < 20; i++) {
      const agent = agents[i * 7];
      const next = agent.state.state === 'break' ? { state: 'available' } : { state: 'break', reason: 'personal' };
      const t0 = performance.now();
      fake.emit('floor:changed', { kind: 'agent', agent: { ...agent, state: next, since: new Date().toISOString() } });
      while (document.querySelector('[data-testid="floor-row-' + agent.username + '"]').getAttribute('data-state') !== next.state)
        await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(r));
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  })()`)) as number[];
  const perSecond = (k: 'script' | 'layout') => (((after[k] - before[k]) * 1000) / 10).toFixed(1);
  const p = (q: number) => updates[Math.min(updates.length - 1, Math.floor(q * updates.length))]!.toFixed(0);
  return `ticking: script ${perSecond('script')} ms/s, style+layout ${perSecond('layout')} ms/s; a change to its row painted p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`;
}

const [root = '/tmp/cockpit-harness', out = '/tmp/notes/shots', ...locales] = process.argv.slice(2);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const server = createServer((req, res) => {
  const file = path.join(
    root,
    decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/$/, '/index.html'),
  );
  readFile(file).then(
    (body) => {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    },
    () => {
      res.writeHead(404);
      res.end();
    },
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const { context, close } = await launchChromium();
try {
  for (const locale of locales.length > 0 ? locales : ['uk', 'en']) {
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      for (const live of [true, false]) {
        if (!live && width !== 1366) continue;
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.goto(`http://127.0.0.1:${port}/index.html?locale=${locale}&live=${live}`);
        await page.waitForSelector('body[data-first-render-ms]', { timeout: 20_000 });
        const ms = await page.evaluate(() => JSON.stringify(document.body.dataset));
        await page.waitForTimeout(600);
        const name = `cockpit-${locale}-${width}x${height}${live ? '' : '-notlive'}`;
        await page.screenshot({ path: path.join(out, `${name}.png`) });
        // The whole page, scrolled: the charts below the board.
        await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 10_000));
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `${name}-bottom.png`) });
        console.info(`${name}: cockpit with 200 agents and charts shown in ${ms} ms`);
        if (width === 1366 && live) console.info(`${name}: ${await measureLive(page)}`);
        await page.close();
      }
    }
  }
} finally {
  await close();
  server.close();
}
