// A deliberately small SIP user agent over WebSocket (RFC 7118), speaking to the PBX the way SIP.js
// does: `sip` subprotocol, `.invalid` Contact host, digest answered from the HA1 (never the secret).
// It exists so the PBX's WS/WSS listeners, digest checks for WS clients and the outbound gateway
// route can be tested without a browser; media over WebRTC is the browser tests' job.
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

export interface SipMessage {
  startLine: string;
  status: number | null;
  headers: Map<string, string[]>;
  body: string;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(6).toString('hex');

function parse(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  return { startLine, status: status ? Number(status[1]) : null, headers, body };
}

export const header = (message: SipMessage, name: string): string | undefined =>
  message.headers.get(name.toLowerCase())?.[0];

/** Digest response computed from the HA1 (RFC 2617 with qop=auth, as SIP.js does with authorizationHa1). */
function digestAuthorization(
  challenge: string,
  method: string,
  uri: string,
  user: string,
  ha1: string,
): string {
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(challenge)?.[1] ?? '';
  const realm = param('realm');
  const nonce = param('nonce');
  const qop = param('qop').split(',')[0]?.trim() ?? '';
  const cnonce = token();
  const nc = '00000001';
  const ha2 = md5(`${method}:${uri}`);
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  return (
    `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", ` +
    `algorithm=MD5` +
    (qop ? `, qop=${qop}, cnonce="${cnonce}", nc=${nc}` : '')
  );
}

export interface WsSipAccount {
  username: string;
  domain: string;
  ha1: string;
}

export class WsSipClient {
  private readonly waiters: Array<(message: SipMessage) => boolean> = [];
  private readonly contactHost = `${token()}.invalid`;
  private readonly viaHost = `${token()}.invalid`;
  private cseq = 1;

  private constructor(
    private readonly socket: WebSocket,
    private readonly account: WsSipAccount,
  ) {
    socket.on('message', (data: WebSocket.RawData) => {
      const message = parse(data.toString());
      const index = this.waiters.findIndex((waiter) => waiter(message));
      if (index >= 0) this.waiters.splice(index, 1);
    });
  }

  static connect(url: string, account: WsSipAccount): Promise<WsSipClient> {
    return new Promise((resolveConnect, reject) => {
      // The test PBX's WSS certificate is self-signed.
      const socket = new WebSocket(url, 'sip', { rejectUnauthorized: false });
      socket.once('open', () => resolveConnect(new WsSipClient(socket, account)));
      socket.once('error', reject);
    });
  }

  get contact(): string {
    return `<sip:${this.account.username}@${this.contactHost};transport=ws>`;
  }

  /** Sends a request and resolves with its final (>= 200) response. */
  private send(lines: string[], body: string, callId: string, cseq: string): Promise<SipMessage> {
    const raw = [...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
    return new Promise((resolveResponse, reject) => {
      const timer = setTimeout(() => reject(new Error(`no final response to ${lines[0]}`)), 10_000);
      this.waiters.push((message) => {
        if (header(message, 'call-id') !== callId || header(message, 'cseq') !== cseq) return false;
        if ((message.status ?? 0) < 200) return false;
        clearTimeout(timer);
        resolveResponse(message);
        return true;
      });
      this.socket.send(raw);
    });
  }

  /** A request with one digest round when challenged (401 www / 407 proxy). */
  private async request(
    method: string,
    uri: string,
    to: string,
    callId: string,
    fromTag: string,
    extra: string[],
    body = '',
  ): Promise<SipMessage> {
    let authorization: string | null = null;
    for (let round = 0; round < 2; round += 1) {
      const cseq = `${this.cseq++} ${method}`;
      const lines = [
        `${method} ${uri} SIP/2.0`,
        `Via: SIP/2.0/WSS ${this.viaHost};branch=z9hG4bK${token()}`,
        'Max-Forwards: 70',
        `From: <sip:${this.account.username}@${this.account.domain}>;tag=${fromTag}`,
        `To: ${to}`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq}`,
        `Contact: ${this.contact}`,
        ...extra,
        ...(authorization ? [authorization] : []),
      ];
      const response = await this.send(lines, body, callId, cseq);
      const challenge = header(response, 'www-authenticate') ?? header(response, 'proxy-authenticate');
      if ((response.status === 401 || response.status === 407) && challenge && round === 0) {
        const name = response.status === 401 ? 'Authorization' : 'Proxy-Authorization';
        authorization = `${name}: ${digestAuthorization(challenge, method, uri, this.account.username, this.account.ha1)}`;
        continue;
      }
      return response;
    }
    throw new Error('unreachable');
  }

  register(expires = 300): Promise<SipMessage> {
    const { username, domain } = this.account;
    return this.request(
      'REGISTER',
      `sip:${domain}`,
      `<sip:${username}@${domain}>`,
      `reg-${token()}`,
      token(),
      [`Expires: ${expires}`],
    );
  }

  /** Calls `number`; on 200 OK acknowledges it and returns a `hangUp` that sends BYE along the route set. */
  async call(
    number: string,
    sdp: string,
  ): Promise<{ answer: SipMessage; hangUp: () => Promise<SipMessage> }> {
    const { domain } = this.account;
    const callId = `call-${token()}`;
    const fromTag = token();
    const uri = `sip:${number}@${domain}`;
    const answer = await this.request(
      'INVITE',
      uri,
      `<${uri}>`,
      callId,
      fromTag,
      ['Content-Type: application/sdp'],
      sdp,
    );
    if (answer.status !== 200) return { answer, hangUp: () => Promise.resolve(answer) };

    // RFC 3261 12.1.2: the caller's route set is the Record-Route list reversed; the target is the Contact.
    const routes = (answer.headers.get('record-route') ?? [])
      .flatMap((h) => h.split(','))
      .map((r) => r.trim());
    const routeLines = routes.reverse().map((route) => `Route: ${route}`);
    const target = /<([^>]+)>/.exec(header(answer, 'contact') ?? '')?.[1] ?? uri;
    const to = header(answer, 'to') ?? `<${uri}>`;
    const inviteCseq = Number((header(answer, 'cseq') ?? '1').split(' ')[0]);
    const dialogLines = (method: string, cseq: number) => [
      `${method} ${target} SIP/2.0`,
      `Via: SIP/2.0/WSS ${this.viaHost};branch=z9hG4bK${token()}`,
      'Max-Forwards: 70',
      ...routeLines,
      `From: <sip:${this.account.username}@${domain}>;tag=${fromTag}`,
      `To: ${to}`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`,
    ];
    this.socket.send([...dialogLines('ACK', inviteCseq), 'Content-Length: 0', '', ''].join('\r\n'));
    const byeCseq = this.cseq++;
    return { answer, hangUp: () => this.send(dialogLines('BYE', byeCseq), '', callId, `${byeCseq} BYE`) };
  }

  close(): void {
    this.socket.close();
  }
}
