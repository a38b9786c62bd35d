// The cockpit's first render (issue 13, "Performance": <= 1.5 s in Chromium with all charts), on
// real parts: the server in its own process on an embedded PostgreSQL holding a 20,000-call day with
// 200 agents' state history (bench/support/queueDay.ts, seeded as TODAY so the cockpit opens on it,
// plus the same weekday a week before for the category chart), the web host (`npm run start:web`)
// signed in as the team lead, and Debian Chromium. The lead signs in once; each run reloads the page
// and times, from the navigation's start, the first frame in which the board has its rows, the
// queue's tiles their numbers and every chart its marks (or its "nothing to show" text). Baselines in
// the same run: the same page's DOMContentLoaded (the engine loading our bundle, nothing rendered)
// and the metrics request alone from Node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { addDays, localDateOf } from '../../src/shared/domain/localDate';
import { METRICS_PATHS } from '../../src/shared/queue/metrics';
import { launchChromium } from '../../tests/e2e/support/chromium';
import { startWebHostProcess } from '../../tests/e2e/support/webHostProcess';
import { seedQueueDay } from '../support/queueDay';
import { percentile, type BenchRow } from '../report';
import { pushTemplateAppeal, BENCH_PASSWORD, signIn, startBenchServer } from '../serverSetup';

const RUNS = Number(process.env['BENCH_COCKPIT_RUNS'] || 7);
const ZONE = 'Europe/Kyiv';
const TARGET_MS = 1_500;
const CHARTS = ['chart-calls-by-interval', 'chart-category-groups', 'chart-backlog-by-executor'];

/** Installed in the page before its scripts: stamps the first frame in which the cockpit is complete. */
const READY_PROBE = `(() => {
  const charts = ${JSON.stringify(CHARTS)};
  const drawn = (id) => {
    const el = document.querySelector('[data-testid="' + id + '"]');
    if (!el) return false;
    return el.querySelectorAll('svg rect, svg path').length > 2 || /\\S/.test(el.textContent || '') && !el.querySelector('svg');
  };
  const parts = (window.__cockpitParts = {});
  const mark = (name, ok) => { if (ok && parts[name] === undefined) parts[name] = Math.round(performance.now()); return ok; };
  const tick = () => {
    const rows = document.querySelectorAll('[data-testid^="floor-row-"]').length;
    const tile = document.querySelector('[data-testid="queue-offered-today"]');
    mark('rows', rows >= 200);
    mark('tiles', tile && /\\d/.test(tile.textContent || ''));
    for (const c of charts) mark(c, drawn(c));
    if (rows >= 200 && tile && /\\d/.test(tile.textContent || '') && charts.every(drawn)) {
      window.__cockpitReadyAt = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export async function runCockpitBench(): Promise<BenchRow[]> {
  const server = await startBenchServer();
  const renderer = mkdtempSync(join(tmpdir(), 'cockpit-renderer-'));
  const rows: BenchRow[] = [];
  try {
    const operator = await signIn(server.url, 'operator1');
    const templateId = await pushTemplateAppeal(server.url, operator);
    const today = localDateOf(new Date(), ZONE);
    let seeded = null;
    for (const [i, day] of [addDays(today, -7), today].entries())
      seeded = await seedQueueDay(server.pool, {
        day,
        timeZone: ZONE,
        calls: 20_000,
        agents: 200,
        password: BENCH_PASSWORD,
        appealTemplateId: templateId,
        seed: 4551 + i,
      });
    await server.pool.query('VACUUM ANALYZE');
    console.log(
      `cockpit: seeded ${today} (${seeded!.calls} calls, ${seeded!.historyRows} state intervals of ` +
        `${seeded!.agents.length} agents, ${seeded!.appeals} appeals) and the same weekday a week before`,
    );

    const lead = await signIn(server.url, 'lead');
    const metricsMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}${METRICS_PATHS.metrics}?day=${today}`, {
        headers: { authorization: `Bearer ${lead.token}` },
      });
      await response.arrayBuffer();
      metricsMs.push(performance.now() - started);
    }

    await promisify(execFile)(
      join(process.cwd(), 'node_modules/.bin/vite'),
      ['build', '--outDir', renderer, '--emptyOutDir', '--logLevel', 'error'],
      { timeout: 180_000 },
    );
    const host = await startWebHostProcess({ args: ['--server', server.url, '--renderer', renderer] });
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(host.url);
      await page.getByRole('combobox', { name: 'Мова' }).selectOption('en');
      await page.getByRole('textbox', { name: 'Username' }).fill('lead');
      await page.getByLabel('Password', { exact: false }).fill(BENCH_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('queue-waiting-now').waitFor({ timeout: 60_000 });
      await page.addInitScript(READY_PROBE);
      const renders: number[] = [];
      const loaded: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        const readyAt = await page.waitForFunction(
          () => (window as unknown as { __cockpitReadyAt?: number }).__cockpitReadyAt,
          null,
          { timeout: 30_000, polling: 50 },
        );
        renders.push((await readyAt.jsonValue()) as number);
        if (process.env['BENCH_COCKPIT_PARTS'])
          console.log(
            JSON.stringify(
              await page.evaluate(() => (window as unknown as { __cockpitParts: unknown }).__cockpitParts),
            ),
          );
        loaded.push(
          await page.evaluate(
            () =>
              (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
                .domContentLoadedEventEnd,
          ),
        );
      }
      console.log(`cockpit: first renders ${renders.map((n) => n.toFixed(0)).join(', ')} ms`);
      if (process.env['BENCH_COCKPIT_PROFILE'])
        await profileOneLoad(page, process.env['BENCH_COCKPIT_PROFILE']);
      rows.push(
        {
          name: 'cockpit first render, 200 agents + 20,000-call day, all charts (p95)',
          value: percentile(renders, 95),
          unit: 'ms',
          target: `<= ${TARGET_MS}`,
          pass: percentile(renders, 95) <= TARGET_MS,
        },
        {
          name: '  baseline: the same page to DOMContentLoaded (p95)',
          value: percentile(loaded, 95),
          unit: 'ms',
          target: '',
          pass: null,
        },
        {
          name: '  baseline: GET /api/v1/queue/metrics for that day alone (p95)',
          value: percentile(metricsMs, 95),
          unit: 'ms',
          target: '',
          pass: null,
        },
      );
    } finally {
      await browser.close();
      await host.stop();
    }
  } finally {
    rmSync(renderer, { recursive: true, force: true });
    await server.stop();
  }
  return rows;
}

/**
 * BENCH_COCKPIT_PROFILE=file.cpuprofile: one more load under the CDP profiler (open the file in
 * Chromium's DevTools), and the page's requests with their start and end, ms from navigation.
 */
async function profileOneLoad(page: Page, file: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.reload();
  await page.waitForFunction(
    () => (window as unknown as { __cockpitReadyAt?: number }).__cockpitReadyAt,
    null,
    {
      timeout: 30_000,
      polling: 50,
    },
  );
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  const timeline = await page.evaluate(() => ({
    parts: (window as unknown as { __cockpitParts: unknown }).__cockpitParts,
    requests: performance.getEntriesByType('resource').map((entry) => {
      const e = entry as PerformanceResourceTiming;
      return `${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ${e.name.replace(location.origin, '')}`;
    }),
  }));
  console.log(`cockpit profile written to ${file}\n${JSON.stringify(timeline, null, 1)}`);
}
