// One real PBX (Kamailio + rtpengine, deploy/pbx) per test file: random free ports on loopback,
// its own data dir, stopped and removed afterwards (a failed start reports Kamailio's log).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PbxOptions } from '../../../deploy/pbx/pbxConfig';
import {
  DEFAULT_QUEUE_MAX_SECONDS,
  DEFAULT_QUEUE_REFRESH_SECONDS,
  pbxFiles,
} from '../../../deploy/pbx/pbxConfig';
import { readBootId, restartPbx, startPbx, stopPbx } from '../../../deploy/pbx/pbxProcess';
import { freePort, freeUdpRange } from './ports';

export const TEST_DOMAIN = 'pbx.test';
export const TEST_HOTLINE = '1551';

export interface TestPbx {
  options: PbxOptions;
  /** The boot id of the running start (a new one after restart()). */
  readonly bootId: string;
  /** host:port of the SIP/UDP listener, what sipp targets. */
  sipTarget: string;
  restart(): Promise<void>;
  /** The last lines of Kamailio's log, for assertion messages. */
  kamailioLog(): string;
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

export async function startTestPbx(input: {
  serverUrl: string;
  token: string;
  gateway?: string;
  /** A WSS port chosen beforehand (the central server announces it in its SIP credentials). */
  wssPort?: number;
  domain?: string;
  hotline?: string;
  /** rtpengine's port range; about four ports a call, held 30 s after it ends. */
  rtpPorts?: number;
  /** Kamailio's debug level: the load benchmark keeps it at warnings (1) to spare the CPU. */
  logLevel?: number;
  /** Ring time per operator (default 20 s). */
  ringSeconds?: number;
  /** The PBX's bound on a queued caller's wait (default 900 s) and its ringback refresh (60 s). */
  queueMaxSeconds?: number;
  queueRefreshSeconds?: number;
  /** Position announcements in these languages (default none); prompts are made with espeak-ng. */
  queuePrompts?: PbxOptions['queuePrompts'];
  /** @deprecated The PBX no longer polls; this is taken as queueMaxSeconds (at least 10). */
  waitSeconds?: number;
}): Promise<TestPbx> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pbx-test-'));
  // rtpengine keeps a call's ports for about 30 s after it ends: 200 ports (two or four a call)
  // leave room for the calls a test file places within that time.
  const rtp = await freeUdpRange(input.rtpPorts ?? 200);
  const options: PbxOptions = {
    dataDir,
    listenIp: '127.0.0.1',
    sipUdpPort: await freePort(),
    wsPort: await freePort(),
    wssPort: input.wssPort ?? (await freePort()),
    rtpengineNgPort: await freePort(),
    rtpPortMin: rtp.min,
    rtpPortMax: rtp.max,
    domain: input.domain ?? TEST_DOMAIN,
    hotline: input.hotline ?? TEST_HOTLINE,
    serverUrl: input.serverUrl,
    token: input.token,
    gateway: input.gateway,
    enableTls: true,
    logLevel: input.logLevel ?? 2,
    ha1CacheSeconds: 30,
    httpTimeoutSeconds: 2,
    ringSeconds: input.ringSeconds ?? 20,
    queueMaxSeconds:
      input.queueMaxSeconds ??
      (input.waitSeconds !== undefined ? Math.max(10, input.waitSeconds) : DEFAULT_QUEUE_MAX_SECONDS),
    queueRefreshSeconds: input.queueRefreshSeconds ?? DEFAULT_QUEUE_REFRESH_SECONDS,
    queuePrompts: input.queuePrompts,
    rtpengineHttpPort: input.queuePrompts?.length ? await freePort() : undefined,
  };
  try {
    await startPbx(options);
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(pbxFiles(dataDir).kamailioLog, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      // Kamailio never started (e.g. `kamailio -c` refused the config: the error says why).
    }
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    options,
    sipTarget: `127.0.0.1:${options.sipUdpPort}`,
    get bootId() {
      return readBootId(dataDir) ?? '';
    },
    restart: () => restartPbx(dataDir),
    kamailioLog: () => {
      try {
        return readFileSync(pbxFiles(dataDir).kamailioLog, 'utf8').split('\n').slice(-40).join('\n');
      } catch {
        return '(no kamailio log)';
      }
    },
    close: async ({ keepFiles = false } = {}) => {
      await stopPbx(dataDir);
      if (!keepFiles) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
