// A citizen's phone that behaves like a real one: baresip on SIP/UDP, no registration, every request
// through the PBX as outbound proxy, a 440 Hz tone as its microphone. Unlike a sipp scenario it
// follows a REFER by itself (calls the transfer target and drops the old call), which is what a
// blind transfer needs from the caller. Driven over ctrl_tcp (JSON in netstrings).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const BARESIP = process.env.BARESIP_BIN ?? '/usr/bin/baresip';
const MODULE_PATH = process.env.BARESIP_MODULES ?? '/usr/lib/baresip/modules';

export interface BaresipEvent {
  type: string;
  param?: string;
  peeruri?: string;
}

export interface BaresipCitizen {
  /** Dials `number` at the PBX's domain (the hotline, or an operator). */
  dial(number: string): Promise<void>;
  hangup(): Promise<void>;
  /** Events so far (CALL_RINGING, CALL_ESTABLISHED, TRANSFER, CALL_CLOSED, ...). */
  events(): BaresipEvent[];
  /** Everything baresip printed, for failure messages (SIP trace included). */
  output(): string;
  kill(): void;
}

function config(input: { sipPort: number; ctrlPort: number }): string {
  return [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${input.sipPort}`,
    // An address, not an interface name: inside the test namespace only loopback exists anyway.
    'net_interface 127.0.0.1',
    // ausine makes 48 kHz stereo; baresip resamples it for G.711.
    'audio_source ausine,440',
    'audio_player aubridge,citizen',
    'audio_alert aubridge,citizen',
    'ausrc_srate 48000',
    'ausrc_channels 2',
    `module_path ${MODULE_PATH}`,
    'module g711.so',
    'module ausine.so',
    'module aubridge.so',
    'module_app account.so',
    'module_app menu.so',
    'module_app ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${input.ctrlPort}`,
    '',
  ].join('\n');
}

const netstring = (text: string) => `${Buffer.byteLength(text)}:${text},`;

/** Splits complete netstrings off the front of `buffer`. */
function takeNetstrings(buffer: string): { messages: string[]; rest: string } {
  const messages: string[] = [];
  let rest = buffer;
  for (;;) {
    const colon = rest.indexOf(':');
    if (colon < 0) break;
    const length = Number(rest.slice(0, colon));
    if (!Number.isInteger(length) || rest.length < colon + 1 + length + 1) break;
    messages.push(rest.slice(colon + 1, colon + 1 + length));
    rest = rest.slice(colon + 1 + length + 1);
  }
  return { messages, rest };
}

export async function startBaresipCitizen(input: {
  /** host:port of the PBX's SIP/UDP listener. */
  pbxTarget: string;
  callerId: string;
  domain: string;
}): Promise<BaresipCitizen> {
  const dir = mkdtempSync(join(tmpdir(), 'baresip-citizen-'));
  const sipPort = await freePort();
  // baresip also listens for SIP over TLS on sipPort + 1: the control port must be another one.
  let ctrlPort = await freePort();
  while (ctrlPort === sipPort + 1) ctrlPort = await freePort();
  writeFileSync(join(dir, 'config'), config({ sipPort, ctrlPort }));
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${input.callerId}@127.0.0.1:${sipPort}>;regint=0;outbound="sip:${input.pbxTarget};lr;transport=udp";audio_codecs=PCMA,PCMU\n`,
  );
  writeFileSync(join(dir, 'contacts'), '');

  const child: ChildProcess = spawn(BARESIP, ['-f', dir, '-s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));

  const socket = await connectWithRetry(ctrlPort, () => output);
  const events: BaresipEvent[] = [];
  const replies: ((text: string) => void)[] = [];
  let buffer = '';
  socket.on('data', (chunk: Buffer) => {
    const { messages, rest } = takeNetstrings(buffer + chunk.toString('utf8'));
    buffer = rest;
    for (const message of messages) {
      const parsed = JSON.parse(message) as {
        event?: boolean;
        response?: boolean;
        data?: string;
      } & BaresipEvent;
      if (parsed.event) events.push({ type: parsed.type, param: parsed.param, peeruri: parsed.peeruri });
      else if (parsed.response) replies.shift()?.(parsed.data ?? '');
    }
  });

  const command = (name: string, params = '') =>
    new Promise<string>((resolveReply, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip ${name}: no reply in 5 s\n${output}`)), 5_000);
      replies.push((text) => {
        clearTimeout(timer);
        resolveReply(text);
      });
      socket.write(netstring(JSON.stringify({ command: name, params, token: name })));
    });

  return {
    dial: async (number) => {
      await command('dial', `sip:${number}@${input.domain}`);
    },
    hangup: async () => {
      await command('hangup');
    },
    events: () => events,
    output: () => output,
    kill: () => {
      socket.destroy();
      if (child.exitCode === null) child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function connectWithRetry(port: number, output: () => string): Promise<Socket> {
  const until = Date.now() + 5_000;
  for (;;) {
    try {
      return await new Promise<Socket>((resolveSocket, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolveSocket(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > until)
        throw new Error(`baresip's ctrl_tcp did not open: ${(error as Error).message}\n${output()}`, {
          cause: error,
        });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
