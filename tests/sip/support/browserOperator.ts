// An operator's workstation for the real-peer softphone tests: the real web host process signed in
// to the real central server, its renderer in Debian Chromium with a fake microphone (a beep, so the
// far end measures audio energy) and WebRTC allowed on loopback (SIP-TESTBED.md).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH, HEADLESS_ARGS, SOFTPHONE_ARGS } from '../../e2e/support/chromium';
import { completeAndRegister } from '../../e2e/support/appealForm';
import { eventually, visible } from '../../e2e/support/page';
import { demoPassword } from '../../e2e/support/serverInstance';
import { startWebHostProcess, type WebHostProcess } from '../../e2e/support/webHostProcess';

const root = resolve(import.meta.dirname, '../../..');

const CHROMIUM_ARGS = [...HEADLESS_ARGS, ...SOFTPHONE_ARGS];

/** What `window.__softphoneStats()` returns (src/renderer/softphone/softphone.ts CallStatsSummary). */
export interface CallStats {
  dtlsState: string | null;
  packetsReceived: number;
  totalAudioEnergy: number;
}

/**
 * Builds the renderer from the current sources into a private folder: out/renderer may be older
 * than the code under test, and other runs may be rewriting it.
 */
export async function buildRenderer(): Promise<{ dir: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'softphone-renderer-'));
  await promisify(execFile)(
    join(root, 'node_modules/.bin/vite'),
    ['build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: root, timeout: 120_000 },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchSoftphoneChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export class OperatorDesk {
  private constructor(
    readonly username: string,
    readonly host: WebHostProcess,
    readonly page: Page,
  ) {}

  /** A web host of its own (own data folder, own sign-in) and a browser context of its own. */
  static async open(input: {
    browser: Browser;
    serverUrl: string;
    rendererDir: string;
    username: string;
  }): Promise<OperatorDesk> {
    const host = await startWebHostProcess({
      args: ['--server', input.serverUrl, '--renderer', input.rendererDir],
    });
    const context = await input.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'uk-UA',
      permissions: ['microphone'],
    });
    const page = await context.newPage();
    return new OperatorDesk(input.username, host, page);
  }

  /**
   * Signs in and waits for the role's home screen: the intake form for those who take calls, the
   * work lists for analysts, feedback operators and executors, the cockpit for team leads.
   */
  async signIn(options: { home?: 'intake' | 'worklists' | 'cockpit' } = {}): Promise<void> {
    const page = this.page;
    await page.goto(this.host.url);
    await page.getByRole('combobox', { name: 'Мова' }).selectOption('en');
    await visible(page.getByRole('form', { name: 'Sign in to the workstation' })).catch(async (e: Error) => {
      // Seen once in CI (softphoneNetworkDrop): say what the page showed instead.
      const shown = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => '(unreadable)');
      throw new Error(`${e.message}\nthe page showed instead:\n${shown.slice(0, 1500)}`);
    });
    await page.getByRole('textbox', { name: 'Username' }).fill(this.username);
    await page.getByLabel('Password', { exact: false }).fill(demoPassword(this.username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const home =
      options.home === 'worklists'
        ? page.getByRole('tablist', { name: 'Work lists' })
        : options.home === 'cockpit'
          ? page.getByTestId('queue-waiting-now')
          : page.getByRole('textbox', { name: 'Full name' });
    await visible(home, 20_000);
  }

  registration = () => this.page.getByTestId('softphone-registration');
  callState = () => this.page.getByTestId('softphone-call-state');

  registrationState(): Promise<string | null> {
    return this.registration().getAttribute('data-state', { timeout: 2_000 });
  }

  callPhase(): Promise<string | null> {
    return this.callState().getAttribute('data-phase', { timeout: 2_000 });
  }

  agentState(): Promise<string | null> {
    return this.page.getByTestId('agent-state').getAttribute('data-state', { timeout: 2_000 });
  }

  async waitRegistered(timeout = 20_000): Promise<void> {
    await eventually(
      () => this.registrationState().catch(() => null),
      (s) => s === 'registered',
      timeout,
    );
  }

  /** Picks "Available" in the agent-state select and waits until the server has it. */
  async goAvailable(): Promise<void> {
    const select = await visible(this.page.getByTestId('agent-state'));
    if ((await select.getAttribute('data-state')) !== 'available') {
      await select.click();
      await this.page.getByRole('option', { name: 'Available', exact: true }).click();
    }
    await eventually(
      () => this.agentState().catch(() => null),
      (s) => s === 'available',
    );
    // "not yet on the server" disappears once the live channel acknowledged the state.
    await eventually(
      () => this.page.getByText('not yet on the server').count(),
      (n) => n === 0,
    );
  }

  async waitAgentState(state: string, timeout = 15_000): Promise<void> {
    await eventually(
      () => this.agentState().catch(() => null),
      (s) => s === state,
      timeout,
    );
  }

  /** Picks a break in the agent-state select: the server stops routing calls here. */
  async goOnBreak(reason: 'lunch' | 'training' | 'technical' | 'meeting' | 'personal'): Promise<void> {
    await (await visible(this.page.getByTestId('agent-state'))).click();
    await this.page.getByRole('option', { name: `Break: ${reason}`, exact: true }).click();
    await this.waitAgentState('break');
    await eventually(
      () => this.page.getByText('not yet on the server').count(),
      (n) => n === 0,
    );
  }

  /**
   * Registers a statement from the intake form and returns the number shown after saving. Without
   * `phone` the form keeps the number it holds (during a call: the caller's, put there on answer).
   */
  async registerAppeal(input: { fullName: string; phone?: string }): Promise<string> {
    const page = this.page;
    await page
      .getByRole('tab', { name: 'New appeal' })
      .or(page.getByRole('link', { name: 'New appeal' }))
      .first()
      .click();
    const startOver = page.getByTestId('saved-panel').getByRole('button', { name: 'New appeal' });
    if (await startOver.isVisible()) await startOver.click();
    await page.getByRole('radio', { name: 'Statement or petition' }).check();
    await page.getByRole('textbox', { name: 'Full name' }).fill(input.fullName);
    const phone = page.getByLabel('Phone', { exact: true });
    if (input.phone !== undefined) await phone.fill(input.phone);
    else
      await eventually(
        () => phone.inputValue(),
        (v) => v.trim() !== '',
      );
    return completeAndRegister(page);
  }

  async waitPhase(phase: string, timeout = 15_000): Promise<void> {
    await eventually(
      () => this.callPhase().catch(() => null),
      (p) => p === phase,
      timeout,
    );
  }

  stats(): Promise<CallStats | null> {
    return this.page.evaluate(async () => {
      const probe = (window as unknown as { __softphoneStats?: () => Promise<CallStats | null> })
        .__softphoneStats;
      return probe ? probe() : null;
    });
  }

  /** Waits for media proven by getStats: DTLS up, packets in, and sound in them. */
  async waitAudio(
    after: { packetsReceived: number; totalAudioEnergy: number } | null = null,
  ): Promise<CallStats> {
    const stats = await eventually(
      () => this.stats(),
      (s) =>
        s !== null &&
        s.dtlsState === 'connected' &&
        s.packetsReceived > (after?.packetsReceived ?? 0) &&
        s.totalAudioEnergy > (after?.totalAudioEnergy ?? 0),
      10_000,
    );
    return stats!;
  }

  /** After a failed test: rejects a ringing call or hangs up an active one, so the next test starts idle. */
  async dropAnyCall(): Promise<void> {
    for (const testId of ['softphone-reject', 'softphone-hangup']) {
      const button = this.page.getByTestId(testId);
      if (await button.isVisible()) await button.click({ timeout: 2_000 });
    }
  }

  /** The softphone as the operator sees it, for assertion messages. */
  async describe(): Promise<string> {
    const text = async (testId: string) =>
      this.page
        .getByTestId(testId)
        .first()
        .innerText({ timeout: 1_000 })
        .catch(() => '(absent)');
    const stats = await this.stats().catch((e: Error) => `stats failed: ${e.message}`);
    return [
      `[${this.username}] registration: ${await text('softphone-registration')}`,
      `agent: ${await text('agent-state')}; call: ${await text('softphone-call-state')}`,
      `error: ${await text('softphone-error')}; stats: ${JSON.stringify(stats)}`,
    ].join('\n');
  }

  /**
   * One call of the workstation's API from inside the page, over a socket of its own to the web host
   * (the same wire and token as the renderer's `window.api`, which a plain browser page keeps private).
   */
  api<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    return this.page.evaluate(
      ({ channel, input }) =>
        new Promise((resolveReply, reject) => {
          const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
          const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
          const timer = setTimeout(() => reject(new Error(`${channel}: no reply in 5 s`)), 5_000);
          socket.onopen = () => socket.send(JSON.stringify({ id: 1, channel, input }));
          socket.onerror = () => reject(new Error(`${channel}: web host socket failed`));
          socket.onmessage = (message: MessageEvent<string>) => {
            const reply = JSON.parse(message.data) as { id?: number; result?: unknown };
            if (reply.id !== 1) return;
            clearTimeout(timer);
            socket.close();
            resolveReply(reply.result as { ok: true; value: T } | { ok: false; error: unknown });
          };
        }),
      { channel, input },
    );
  }

  async close(): Promise<void> {
    await this.page.context().close();
    await this.host.stop();
  }
}
