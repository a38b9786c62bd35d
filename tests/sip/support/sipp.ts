// Runs sipp scenarios (tests/sip/scenarios/*.xml) as real SIP peers of the PBX and reports how
// they ended: exit code, the final SIP status seen by a UAC, and the message log for diagnosis.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const scenarioDir = resolve(dirname(fileURLToPath(import.meta.url)), '../scenarios');
const SIPP = process.env.SIPP_BIN ?? '/usr/bin/sipp';

/** The files in tests/sip/scenarios, without `.xml`. */
export type Scenario =
  | 'register'
  | 'register_refused'
  | 'uac_call'
  | 'uas_answer'
  | 'uac_hold_refer'
  | 'uas_hold_refer'
  | 'uac_cancel'
  | 'uas_ring'
  | 'uas_busy'
  | 'uas_answer_dtmf'
  | 'citizen_stays'
  | 'citizen_queued'
  | 'citizen_queued_listens'
  | 'citizen_queued_retransmits'
  | 'citizen_queue_cancel'
  | 'citizen_queue_gives_up'
  | 'citizen_odd_caller'
  | 'citizen_one_codec'
  | 'citizen_g729_refresh'
  | 'citizen_transferee'
  | 'citizen_refers'
  | 'uas_transfer_target'
  | 'codec_refused'
  | 'uas_no_audio'
  | 'malformed_sdp';

export interface SippRun {
  scenario: Scenario;
  /** Target host:port; omitted for a UAS that only waits. */
  remote?: string;
  localPort: number;
  /** -s: the request-URI user (the called number, or the user who registers). */
  service?: string;
  auth?: { username: string; password: string };
  /** Values for [key] placeholders in the scenario. */
  keys?: Record<string, string | number>;
  mediaPort?: number;
  timeoutSeconds?: number;
  /** -m: calls before sipp ends (default 1); a UAS taking two calls needs 2. */
  maxCalls?: number;
}

export interface SippResult {
  exitCode: number | null;
  /** Every SIP message sipp sent or received, as written by -trace_msg. */
  messages: string;
  /** Status codes of the responses sipp received, in order. */
  receivedStatuses: number[];
  stderr: string;
}

export interface SippProcess {
  done: Promise<SippResult>;
  /** Stops a sipp that is still running (a UAS whose call never came). */
  kill(): void;
  /** The message log so far, while sipp runs (it flushes each message as it logs it). */
  messagesSoFar(): string;
}

export function startSipp(run: SippRun): SippProcess {
  const workDir = mkdtempSync(join(tmpdir(), `sipp-${run.scenario}-`));
  const messageFile = join(workDir, 'messages.log');
  const args = [
    ...(run.remote ? [run.remote] : []),
    '-sf',
    join(scenarioDir, `${run.scenario}.xml`),
    '-i',
    '127.0.0.1',
    '-p',
    String(run.localPort),
    '-t',
    'u1',
    '-m',
    String(run.maxCalls ?? 1),
    '-nostdin',
    '-trace_msg',
    '-message_file',
    messageFile,
    '-timeout',
    `${run.timeoutSeconds ?? 20}s`,
    '-timeout_error',
    '-mi',
    '127.0.0.1',
  ];
  if (run.service) args.push('-s', run.service);
  if (run.auth) args.push('-au', run.auth.username, '-ap', run.auth.password);
  if (run.mediaPort) args.push('-mp', String(run.mediaPort));
  for (const [key, value] of Object.entries(run.keys ?? {})) args.push('-key', key, String(value));

  // cwd = workDir: sipp writes its own error/log files next to where it runs.
  const child = spawn(SIPP, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<SippResult>((resolveDone) => {
    child.once('close', (exitCode) => {
      const messages = existsSync(messageFile) ? readFileSync(messageFile, 'utf8') : '';
      rmSync(workDir, { recursive: true, force: true });
      resolveDone({ exitCode, messages, receivedStatuses: receivedStatuses(messages), stderr });
    });
  });
  return {
    done,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
    messagesSoFar: () => {
      try {
        return readFileSync(messageFile, 'utf8');
      } catch {
        // Not written yet, or removed once sipp ended.
        return '';
      }
    },
  };
}

export const runSipp = (run: SippRun): Promise<SippResult> => startSipp(run).done;

/** Status codes of received responses, from sipp's message log ("received [n] bytes ... SIP/2.0 486"). */
function receivedStatuses(messages: string): number[] {
  const statuses: number[] = [];
  const pattern = /received \[\d+\] bytes[^\n]*\n+SIP\/2\.0 (\d{3})/g;
  for (const match of messages.matchAll(pattern)) statuses.push(Number(match[1]));
  return statuses;
}

/** The reason phrase of the first received response with this status, e.g. "No operator available". */
export function reasonPhrase(result: SippResult, status: number): string | null {
  const match = new RegExp(`SIP/2\\.0 ${status} ([^\\r\\n]*)`).exec(result.messages);
  return match?.[1]?.trim() ?? null;
}
