// Runs sipp with the benchmark's scenarios (bench/sip/scenarios) against the PBX and reads back,
// from its message log, when each INVITE left sipp (sipp's own wall-clock timestamps) and which
// calls got a 200 OK. Unlike tests/sip/support/sipp.ts it places many calls per run (-m, -r, -l).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SIPP = process.env.SIPP_BIN ?? '/usr/bin/sipp';
const SCENARIO = resolve(import.meta.dirname, 'scenarios/bench_call.xml');

export interface SippLoad {
  /** host:port of the PBX's SIP/UDP listener. */
  remote: string;
  localPort: number;
  mediaPort: number;
  /** The called user: the hotline number, or an operator's username (called directly). */
  service: string;
  /** The caller's number (From user). */
  caller: string;
  calls: number;
  /** Calls started per second. */
  ratePerSecond: number;
  /** At most this many calls at once (1: one after the other). */
  concurrent: number;
  callMs: number;
  timeoutSeconds: number;
}

export interface SippCall {
  callId: string;
  /** Epoch ms when sipp sent the first INVITE of the call. */
  inviteSentAt: number;
  answered: boolean;
  /** The final answer to the INVITE (200, 486 ...); null when none came. */
  finalStatus: number | null;
  /** Epoch ms when that final answer reached sipp. */
  finalAt: number | null;
}

export interface SippOutcome {
  exitCode: number | null;
  calls: SippCall[];
  stderr: string;
}

export interface SippHandle {
  done: Promise<SippOutcome>;
  kill(): void;
}

export function startSippLoad(load: SippLoad): SippHandle {
  const workDir = mkdtempSync(join(tmpdir(), 'sipp-bench-'));
  const messageFile = join(workDir, 'messages.log');
  const args = [
    load.remote,
    ...['-sf', SCENARIO, '-i', '127.0.0.1', '-p', String(load.localPort), '-t', 'u1'],
    ...['-mi', '127.0.0.1', '-mp', String(load.mediaPort)],
    ...['-s', load.service, '-key', 'caller', load.caller],
    ...['-m', String(load.calls), '-r', String(load.ratePerSecond), '-l', String(load.concurrent)],
    ...['-d', String(load.callMs), '-nostdin', '-trace_msg', '-message_file', messageFile],
    ...['-timeout', `${load.timeoutSeconds}s`, '-timeout_error'],
  ];
  const child = spawn(SIPP, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<SippOutcome>((resolveDone) => {
    child.once('close', (exitCode) => {
      const messages = existsSync(messageFile) ? readFileSync(messageFile, 'utf8') : '';
      // SIP_BENCH_SIPP_LOGS=DIR keeps every run's message log there, for diagnosis.
      const keep = process.env.SIP_BENCH_SIPP_LOGS;
      if (keep && messages) writeFileSync(join(keep, `sipp-${Date.now()}-${child.pid}.log`), messages);
      rmSync(workDir, { recursive: true, force: true });
      resolveDone({ exitCode, calls: callsOf(messages), stderr });
    });
  });
  return {
    done,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/** sipp's trace timestamp, "2026-11-22\t22:45:01.123456" in local time, as epoch ms. */
function timestampOf(text: string): number | null {
  const m = /(\d{4})-(\d\d)-(\d\d)\s+(\d\d):(\d\d):(\d\d)\.(\d+)/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const base = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
  return base + Number(`0.${frac}`) * 1000;
}

/**
 * Splits sipp's message log into its entries ("---- <timestamp>" then "UDP message sent/received")
 * and keeps, per Call-ID, when the first INVITE was sent and the final answer to it.
 */
export function callsOf(messages: string): SippCall[] {
  const calls = new Map<string, SippCall>();
  for (const entry of messages.split(/^-{20,}/m)) {
    const callId = /^Call-ID:\s*(\S+)/im.exec(entry)?.[1];
    if (!callId) continue;
    const sent = /message sent/i.test(entry);
    if (sent && /^\s*INVITE sip:/m.test(entry) && !calls.has(callId)) {
      const at = timestampOf(entry.split('\n', 1)[0] ?? '');
      if (at !== null)
        calls.set(callId, { callId, inviteSentAt: at, answered: false, finalStatus: null, finalAt: null });
    }
    const status = Number(/^SIP\/2\.0 (\d{3})/m.exec(entry)?.[1] ?? 0);
    const call = calls.get(callId);
    if (!sent && call && status >= 200 && call.finalStatus === null && /^CSeq:\s*1 INVITE/im.test(entry)) {
      call.finalStatus = status;
      call.finalAt = timestampOf(entry.split('\n', 1)[0] ?? '');
      call.answered = status === 200;
    }
  }
  return [...calls.values()].sort((a, b) => a.inviteSentAt - b.inviteSentAt);
}
