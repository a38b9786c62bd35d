// The queue benchmark's citizens: one sipp process placing `callers` calls to the hotline at a
// rate (scenarios/queue_citizen.xml), each from its own number with its own talk time (an
// injection file, line N = call N), and the citizen hangs up. Its message log gives, per Call-ID
// and on sipp's own wall clock: when the INVITE left, the first 180, the final answer, when the
// citizen's BYE left, and every status received (so a 5xx anywhere is counted).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SIPP = process.env.SIPP_BIN ?? '/usr/bin/sipp';
const SCENARIO = resolve(import.meta.dirname, 'scenarios/queue_citizen.xml');

export interface QueueCitizen {
  /** The caller's number (From user); distinct per call: the operator's page shows it. */
  number: string;
  /** How long the citizen talks after the operator answers (ms), then sends BYE. */
  talkMs: number;
}

export interface QueueSippRun {
  /** host:port of the PBX's SIP/UDP listener. */
  remote: string;
  localPort: number;
  mediaPort: number;
  /** The hotline number, or an operator's username for a direct call (the baseline). */
  service: string;
  citizens: readonly QueueCitizen[];
  /** Calls started per second. */
  ratePerSecond: number;
  timeoutSeconds: number;
}

export interface QueueSippCall {
  callId: string;
  /** The From user of the INVITE (the citizen's number). */
  number: string;
  /** Epoch ms when sipp sent the first INVITE. */
  inviteAt: number;
  /** Epoch ms of the first 180 received (the queue's ringback or the operator's ringing). */
  ringbackAt: number | null;
  /** The final answer to the INVITE (200, 486, 503 ...); null when none came. */
  finalStatus: number | null;
  finalAt: number | null;
  /** Epoch ms when the citizen's BYE left sipp (the operator is free from here). */
  byeAt: number | null;
  /** The answer to that BYE. */
  byeStatus: number | null;
  /** Every status line received for this call, in order (provisional and final, any method). */
  statuses: number[];
}

export interface QueueSippOutcome {
  exitCode: number | null;
  calls: QueueSippCall[];
  stderr: string;
}

export function runQueueSipp(run: QueueSippRun): Promise<QueueSippOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), 'sipp-queue-'));
  const messageFile = join(workDir, 'messages.log');
  const injection = join(workDir, 'citizens.csv');
  writeFileSync(
    injection,
    `SEQUENTIAL\n${run.citizens.map((c) => `${c.number};${Math.round(c.talkMs)};`).join('\n')}\n`,
  );
  const count = run.citizens.length;
  const args = [
    run.remote,
    ...['-sf', SCENARIO, '-inf', injection, '-i', '127.0.0.1', '-p', String(run.localPort), '-t', 'u1'],
    ...['-mi', '127.0.0.1', '-mp', String(run.mediaPort)],
    ...['-s', run.service, '-m', String(count), '-r', String(run.ratePerSecond), '-l', String(count)],
    ...['-nostdin', '-trace_msg', '-message_file', messageFile],
    ...['-timeout', `${run.timeoutSeconds}s`, '-timeout_error'],
  ];
  const child = spawn(SIPP, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolveDone) => {
    child.once('close', (exitCode) => {
      const messages = existsSync(messageFile) ? readFileSync(messageFile, 'utf8') : '';
      // SIP_BENCH_SIPP_LOGS=DIR keeps the message log there, for diagnosis.
      const keep = process.env.SIP_BENCH_SIPP_LOGS;
      if (keep && messages) writeFileSync(join(keep, `sipp-queue-${Date.now()}-${child.pid}.log`), messages);
      rmSync(workDir, { recursive: true, force: true });
      resolveDone({ exitCode, calls: queueCallsOf(messages), stderr });
    });
  });
}

/** sipp's trace timestamp, "2026-11-22 22:45:01.123456" in local time, as epoch ms. */
function timestampOf(text: string): number | null {
  const m = /(\d{4})-(\d\d)-(\d\d)\s+(\d\d):(\d\d):(\d\d)\.(\d+)/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const base = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
  return base + Number(`0.${frac}`) * 1000;
}

/** Splits sipp's message log into its entries and keeps each call's timeline. */
export function queueCallsOf(messages: string): QueueSippCall[] {
  const calls = new Map<string, QueueSippCall>();
  for (const entry of messages.split(/^-{20,}/m)) {
    const callId = /^Call-ID:\s*(\S+)/im.exec(entry)?.[1];
    if (!callId) continue;
    const at = timestampOf(entry.split('\n', 1)[0] ?? '');
    if (at === null) continue;
    const sent = /message sent/i.test(entry);
    if (sent && /^\s*INVITE sip:/m.test(entry) && !calls.has(callId)) {
      const number = /^From:\s*<sip:([^@>]+)@/im.exec(entry)?.[1] ?? '';
      calls.set(callId, {
        callId,
        number,
        inviteAt: at,
        ringbackAt: null,
        finalStatus: null,
        finalAt: null,
        byeAt: null,
        byeStatus: null,
        statuses: [],
      });
      continue;
    }
    const call = calls.get(callId);
    if (!call) continue;
    if (sent) {
      if (/^\s*BYE /m.test(entry) && call.byeAt === null) call.byeAt = at;
      continue;
    }
    const status = Number(/^SIP\/2\.0 (\d{3})/m.exec(entry)?.[1] ?? 0);
    if (!status) continue;
    call.statuses.push(status);
    if (/^CSeq:\s*1 INVITE/im.test(entry)) {
      if (status === 180 && call.ringbackAt === null) call.ringbackAt = at;
      if (status >= 200 && call.finalStatus === null) {
        call.finalStatus = status;
        call.finalAt = at;
      }
    } else if (/^CSeq:\s*\d+ BYE/im.test(entry) && status >= 200 && call.byeStatus === null) {
      call.byeStatus = status;
    }
  }
  return [...calls.values()].sort((a, b) => a.inviteAt - b.inviteAt);
}
