// Starting and stopping the two daemons of the reference PBX. rtpengine first: Kamailio disables
// an rtpengine it cannot reach at its own start for rtpengine_disable_tout seconds.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  newBootId,
  PbxOptions,
  pbxFiles,
  renderKamailioConfig,
  renderTlsConfig,
  writePrivateFile,
} from './pbxConfig';
import { pingKamailio, pingRtpengine, waitFor } from './pbxProbes';
import { generateQueuePrompts } from './pbxPrompts';

const KAMAILIO = process.env.KAMAILIO_BIN ?? '/usr/sbin/kamailio';
const RTPENGINE = process.env.RTPENGINE_BIN ?? '/usr/bin/rtpengine';
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export interface PbxStatus {
  /** The running start's boot id (what the PBX tells the central server), null when stopped. */
  bootId: string | null;
  kamailio: { pid: number | null; ready: boolean };
  rtpengine: { pid: number | null; ready: boolean };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** Starts a daemon in the foreground of its own process group, output appended to logFile. */
function spawnDaemon(command: string, args: string[], logFile: string, pidFile: string): number {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  return child.pid;
}

async function stopDaemon(pidFile: string): Promise<void> {
  const pid = readPid(pidFile);
  if (pid !== null) {
    // The whole group: Kamailio's worker processes belong to it.
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    };
    signalGroup('SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) signalGroup('SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
  }
  rmSync(pidFile, { force: true });
}

function prepareTls(options: PbxOptions): { configFile: string } | null {
  if (!options.enableTls) return null;
  const files = pbxFiles(options.dataDir);
  let cert = options.tlsCert;
  let key = options.tlsKey;
  if (!cert || !key) {
    cert = files.selfSignedCert;
    key = files.selfSignedKey;
    if (!existsSync(cert) || !existsSync(key)) {
      mkdirSync(resolve(cert, '..'), { recursive: true, mode: 0o700 });
      // Self-signed, for tests and first trials only: browsers must be told to trust it.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '825',
          '-subj',
          `/CN=${options.domain}`,
          '-addext',
          `subjectAltName=DNS:${options.domain},IP:${options.listenIp}`,
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
    }
  }
  writePrivateFile(files.tlsCfg, renderTlsConfig(cert, key));
  return { configFile: files.tlsCfg };
}

/**
 * Starts both daemons; resolves once Kamailio answers SIP. Each start gets a new boot id
 * (readBootId), which Kamailio sends to the central server.
 */
export async function startPbx(input: PbxOptions): Promise<void> {
  const options = PbxOptions.parse({
    ...input,
    dataDir: isAbsolute(input.dataDir) ? input.dataDir : resolve(input.dataDir),
  });
  const files = pbxFiles(options.dataDir);
  mkdirSync(files.runDir, { recursive: true, mode: 0o700 });
  if (readPid(files.kamailioPid) !== null || readPid(files.rtpenginePid) !== null) {
    throw new Error(`a PBX is already running from ${options.dataDir}; stop it first`);
  }

  const tls = prepareTls(options);
  if (options.queuePrompts?.length) await generateQueuePrompts(files.prompts, options.queuePrompts);
  const bootId = newBootId();
  // The rendered config carries the PBX token: readable by its owner only.
  writePrivateFile(files.kamailioCfg, renderKamailioConfig(options, tls, bootId));
  writeFileSync(files.bootId, `${bootId}\n`);
  execFileSync(KAMAILIO, ['-c', '-f', files.kamailioCfg], { stdio: 'pipe' });
  writePrivateFile(files.state, JSON.stringify(options, null, 2));

  spawnDaemon(
    RTPENGINE,
    [
      '--config-file=none',
      '--table=-1',
      '--foreground',
      '--log-stderr',
      `--interface=${options.advertiseIp ? `${options.listenIp}!${options.advertiseIp}` : options.listenIp}`,
      `--listen-ng=${options.listenIp}:${options.rtpengineNgPort}`,
      // The ng protocol over HTTP (JSON), for Kamailio's queue announcements (kamailio.cfg).
      ...(options.rtpengineHttpPort
        ? [`--listen-http=${options.listenIp}:${options.rtpengineHttpPort}`]
        : []),
      `--port-min=${options.rtpPortMin}`,
      `--port-max=${options.rtpPortMax}`,
      '--log-level=5',
    ],
    files.rtpengineLog,
    files.rtpenginePid,
  );
  try {
    await waitFor(
      () => pingRtpengine(options.listenIp, options.rtpengineNgPort),
      READY_TIMEOUT_MS,
      'rtpengine',
    );
    spawnDaemon(
      KAMAILIO,
      ['-DD', '-E', '-f', files.kamailioCfg, '-Y', files.runDir, '-P', `${files.runDir}/kamailio.pid`],
      files.kamailioLog,
      files.kamailioPid,
    );
    await waitFor(() => pingKamailio(options.listenIp, options.sipUdpPort), READY_TIMEOUT_MS, 'kamailio');
  } catch (error) {
    await stopPbx(options.dataDir);
    throw new Error(`${(error as Error).message}; see ${files.kamailioLog} and ${files.rtpengineLog}`, {
      cause: error,
    });
  }
}

/** Stops Kamailio, then rtpengine (the reverse order of start). Safe when nothing runs. */
export async function stopPbx(dataDir: string): Promise<void> {
  const files = pbxFiles(resolve(dataDir));
  await stopDaemon(files.kamailioPid);
  await stopDaemon(files.rtpenginePid);
}

export function readRunningOptions(dataDir: string): PbxOptions | null {
  const file = pbxFiles(resolve(dataDir)).state;
  if (!existsSync(file)) return null;
  return PbxOptions.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Stops and starts again with the options of the last start, and a new boot id. */
export async function restartPbx(dataDir: string): Promise<void> {
  const options = readRunningOptions(dataDir);
  if (!options) throw new Error(`no PBX was started from ${dataDir}`);
  await stopPbx(dataDir);
  await startPbx(options);
}

/** The boot id of the last start from this data dir (null before any). */
export function readBootId(dataDir: string): string | null {
  const file = pbxFiles(resolve(dataDir)).bootId;
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

export async function pbxStatus(dataDir: string): Promise<PbxStatus> {
  const files = pbxFiles(resolve(dataDir));
  const options = readRunningOptions(dataDir);
  const kamailioPid = readPid(files.kamailioPid);
  const rtpenginePid = readPid(files.rtpenginePid);
  return {
    bootId: kamailioPid !== null ? readBootId(dataDir) : null,
    kamailio: {
      pid: kamailioPid,
      ready:
        kamailioPid !== null &&
        options !== null &&
        (await pingKamailio(options.listenIp, options.sipUdpPort)),
    },
    rtpengine: {
      pid: rtpenginePid,
      ready:
        rtpenginePid !== null &&
        options !== null &&
        (await pingRtpengine(options.listenIp, options.rtpengineNgPort)),
    },
  };
}
