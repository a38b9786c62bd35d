// The reference PBX (deploy/pbx) for the benchmark: like tests/sip/support/testPbx.ts, but with an
// RTP port range sized for load. rtpengine keeps a call's ports for 30 s after its BYE (its default
// delete-delay) and takes about four ports per call, so the tests' 40 ports give out after some ten
// calls in 30 s, and the browser then gets an offer it cannot accept (480).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pbxFiles, type PbxOptions } from '../../deploy/pbx/pbxConfig';
import { restartPbx, startPbx, stopPbx } from '../../deploy/pbx/pbxProcess';
import { freePort, freeUdpRange } from '../../tests/sip/support/ports';

/** ~4 ports per call held 30 s after it ends: room for 250 calls in any 30 s. */
const RTP_PORTS = 1000;

export interface BenchPbx {
  options: PbxOptions;
  /** host:port of the SIP/UDP listener, what sipp targets. */
  sipTarget: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchPbx(input: {
  serverUrl: string;
  token: string;
  wssPort: number;
  domain: string;
  hotline: string;
}): Promise<BenchPbx> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sip-bench-pbx-'));
  const rtp = await freeUdpRange(RTP_PORTS);
  const options: PbxOptions = {
    dataDir,
    listenIp: '127.0.0.1',
    sipUdpPort: await freePort(),
    wsPort: await freePort(),
    wssPort: input.wssPort,
    rtpengineNgPort: await freePort(),
    rtpPortMin: rtp.min,
    rtpPortMax: rtp.max,
    domain: input.domain,
    hotline: input.hotline,
    serverUrl: input.serverUrl,
    token: input.token,
    enableTls: true,
    // Warnings and errors only: a chatty log would cost CPU the figures need.
    logLevel: 1,
    ha1CacheSeconds: 30,
    httpTimeoutSeconds: 2,
  };
  try {
    await startPbx(options);
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(pbxFiles(dataDir).kamailioLog, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      // Kamailio never started: the error says why.
    }
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    options,
    sipTarget: `127.0.0.1:${options.sipUdpPort}`,
    restart: () => restartPbx(dataDir),
    close: async () => {
      await stopPbx(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
