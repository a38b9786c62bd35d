// Screenshots of the team lead's cockpit over the fake Api (src/renderer/test/harness), for a
// person to look at: 1366x768 and 1920x1080, in the languages asked. Not a test. Run:
//   npx vite build src/renderer/test/harness --config vite.config.ts --outDir /tmp/cockpit-harness --emptyOutDir --base ./
//   npx tsx tests/e2e/support/cockpitShots.ts /tmp/cockpit-harness /tmp/notes/shots uk en
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { launchChromium } from './chromium';

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
        await page.close();
      }
    }
  }
} finally {
  await close();
  server.close();
}
