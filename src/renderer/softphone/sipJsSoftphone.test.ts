// The real SIP.js adapter against a small scripted registrar over a real WebSocket: digest with
// the HA1 the server issued, registration states, and recovery after the PBX drops the socket.
// (Calls and media are covered by the PBX tests with Kamailio, rtpengine and Chromium.)
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SipCredentials } from '../../shared/softphone';
import { SipJsSoftphone } from './sipJsSoftphone';
import type { RegistrationState, SoftphoneEvent } from './softphone';

const md5 = (s: string) => Md5.hashStr(s);
const REALM = 'pbx.test';

function header(message: string, name: string): string {
  const line = message.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

function param(auth: string, name: string): string {
  return new RegExp(`${name}="?([^",]+)"?`).exec(auth)?.[1] ?? '';
}

/** Answers REGISTER like Kamailio's auth_db: 401 challenge, then 200 or 403 by the digest. */
function startRegistrar(secretHa1: string, options: { unavailableFirst?: number } = {}) {
  let unavailable = options.unavailableFirst ?? 0;
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'sip' });
  const sockets = new Set<WebSocket>();
  const seen = { registers: 0, authorized: 0, usernames: new Set<string>(), messages: [] as string[] };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const message = String(data);
      seen.messages.push(message);
      if (!message.startsWith('REGISTER ')) return;
      seen.registers += 1;
      const reply = (status: string, extra: string[] = []) =>
        socket.send(
          [
            `SIP/2.0 ${status}`,
            `Via: ${header(message, 'Via')}`,
            `From: ${header(message, 'From')}`,
            `To: ${header(message, 'To')};tag=reg1`,
            `Call-ID: ${header(message, 'Call-ID')}`,
            `CSeq: ${header(message, 'CSeq')}`,
            ...extra,
            'Content-Length: 0',
            '',
            '',
          ].join('\r\n'),
        );
      if (unavailable > 0) {
        unavailable -= 1;
        reply('503 Service Unavailable');
        return;
      }
      const auth = header(message, 'Authorization');
      if (!auth) {
        reply('401 Unauthorized', [
          `WWW-Authenticate: Digest realm="${REALM}", nonce="n0nce", algorithm=MD5, qop="auth"`,
        ]);
        return;
      }
      const uri = param(auth, 'uri');
      const ha2 = md5(`REGISTER:${uri}`);
      const expected = md5(
        `${secretHa1}:${param(auth, 'nonce')}:${param(auth, 'nc')}:${param(auth, 'cnonce')}:auth:${ha2}`,
      );
      seen.usernames.add(param(auth, 'username'));
      if (param(auth, 'response') !== expected) {
        reply('403 Forbidden');
        return;
      }
      seen.authorized += 1;
      reply('200 OK', [`Contact: ${header(message, 'Contact')};expires=300`]);
    });
  });
  const port = () => (server.address() as { port: number }).port;
  const listening = new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    seen,
    port,
    listening,
    dropAll: () => sockets.forEach((s) => s.terminate()),
    /** Sends a SIP message to every connected phone, as the PBX would. */
    sendToAll: (text: string) => sockets.forEach((s) => s.send(text)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const credentials = (port: number, ha1: string): SipCredentials => ({
  username: 'op1',
  domain: REALM,
  ha1,
  wsUri: `ws://127.0.0.1:${port}`,
  hotline: '1551',
  iceServers: [],
  displayName: 'Olena',
  wrapUpSeconds: 30,
});

function recordStates(phone: SipJsSoftphone) {
  const states: RegistrationState['state'][] = [];
  phone.subscribe((e: SoftphoneEvent) => {
    if (e.type === 'registration') states.push(e.registration.state);
  });
  return states;
}

describe('SIP.js adapter registration', { timeout: 20_000 }, () => {
  const goodHa1 = md5(`op1:${REALM}:s3cret`);
  let registrar: ReturnType<typeof startRegistrar>;
  beforeEach(async () => {
    registrar = startRegistrar(goodHa1);
    await registrar.listening;
  });
  afterEach(async () => registrar.close());

  it('registers with the issued HA1 as the digest secret', async () => {
    const phone = new SipJsSoftphone();
    const states = recordStates(phone);
    await phone.register(credentials(registrar.port(), goodHa1));
    await vi.waitFor(() => expect(states.at(-1)).toBe('registered'));
    expect(states[0]).toBe('connecting');
    expect(registrar.seen.authorized).toBeGreaterThanOrEqual(1);
    expect([...registrar.seen.usernames]).toEqual(['op1']);
    await phone.unregister('signed out');
    expect(states.at(-1)).toBe('unconfigured');
  });

  it('shows a refused registration as failed with the PBX’s reason', async () => {
    const phone = new SipJsSoftphone();
    let failed: RegistrationState | undefined;
    phone.subscribe((e) => {
      if (e.type === 'registration' && e.registration.state === 'failed') failed = e.registration;
    });
    await phone.register(credentials(registrar.port(), md5('op1:pbx.test:wrong')));
    await vi.waitFor(() => expect(failed).toEqual({ state: 'failed', reason: '403 Forbidden' }));
    await phone.unregister(null);
  });

  it('reconnects and registers again after the PBX drops the WebSocket', async () => {
    const phone = new SipJsSoftphone();
    const states = recordStates(phone);
    await phone.register(credentials(registrar.port(), goodHa1));
    await vi.waitFor(() => expect(states.at(-1)).toBe('registered'));
    const before = registrar.seen.authorized;
    registrar.dropAll();
    await vi.waitFor(() => expect(states).toContain('reconnecting'));
    await vi.waitFor(() => expect(states.at(-1)).toBe('registered'), { timeout: 8000 });
    expect(registrar.seen.authorized).toBeGreaterThan(before);
    await phone.unregister(null);
  });

  it('retries a registration the PBX could not serve (503) instead of waiting forever', async () => {
    const busy = startRegistrar(goodHa1, { unavailableFirst: 1 });
    await busy.listening;
    const phone = new SipJsSoftphone();
    const states = recordStates(phone);
    try {
      await phone.register(credentials(busy.port(), goodHa1));
      await vi.waitFor(() => expect(states).toContain('reconnecting'));
      await vi.waitFor(() => expect(states.at(-1)).toBe('registered'), { timeout: 8000 });
    } finally {
      await phone.unregister(null);
      await busy.close();
    }
  });
});

/** An INVITE as the PBX relays it from a citizen whose phone offers only `formats`. */
function inviteOffering(sdpMedia: string[]): string {
  const sdp = [
    'v=0',
    'o=citizen 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    ...sdpMedia,
    '',
  ].join('\r\n');
  return [
    'INVITE sip:op1@pbx.test SIP/2.0',
    'Via: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bK-codec-1',
    'From: <sip:0671234567@pbx.test>;tag=citizen-1',
    'To: <sip:1551@pbx.test>',
    'Call-ID: codec-offer-1',
    'CSeq: 1 INVITE',
    'Contact: <sip:0671234567@127.0.0.1:5060>',
    'Max-Forwards: 70',
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    '',
    sdp,
  ].join('\r\n');
}

describe('SIP.js adapter and the codecs of an incoming call', { timeout: 20_000 }, () => {
  const goodHa1 = md5(`op1:${REALM}:s3cret`);

  it('refuses an offer without a codec the browser decodes with 488 and never rings', async () => {
    const registrar = startRegistrar(goodHa1);
    await registrar.listening;
    const phone = new SipJsSoftphone();
    const events: SoftphoneEvent['type'][] = [];
    phone.subscribe((e) => events.push(e.type));
    try {
      await phone.register(credentials(registrar.port(), goodHa1));
      await vi.waitFor(() => expect(registrar.seen.authorized).toBe(1));
      registrar.sendToAll(
        inviteOffering([
          'm=audio 40000 RTP/AVP 18 101',
          'a=rtpmap:18 G729/8000',
          'a=rtpmap:101 telephone-event/8000',
        ]),
      );
      await vi.waitFor(() =>
        expect(
          registrar.seen.messages.some((m) => m.startsWith('SIP/2.0 488') && m.includes('codec-offer-1')),
        ).toBe(true),
      );
      expect(events).not.toContain('incoming');
    } finally {
      await phone.unregister(null);
      await registrar.close();
    }
  });
});
