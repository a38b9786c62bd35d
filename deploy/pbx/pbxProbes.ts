// Real readiness checks: a SIP OPTIONS answered by Kamailio and an ng `ping` answered by rtpengine.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/** Sends one UDP datagram and resolves with the first answer, or null after timeoutMs. */
function udpExchange(host: string, port: number, payload: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolveAnswer) => {
    const socket = createSocket('udp4');
    const finish = (answer: string | null) => {
      clearTimeout(timer);
      socket.close();
      resolveAnswer(answer);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('message', (message) => finish(message.toString('utf8')));
    socket.once('error', () => finish(null));
    socket.bind(0, host, () => socket.send(payload, port, host));
  });
}

/** True when rtpengine's ng control port answers `ping` with `pong`. */
export async function pingRtpengine(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  const cookie = randomBytes(6).toString('hex');
  const answer = await udpExchange(host, port, `${cookie} d7:command4:pinge`, timeoutMs);
  return answer !== null && answer.startsWith(cookie) && answer.includes('4:pong');
}

/** True when Kamailio answers an out-of-dialog OPTIONS to itself with 200 OK. */
export async function pingKamailio(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  const tag = randomBytes(6).toString('hex');
  const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
  // The Via names a port nobody listens on on purpose: Kamailio answers to the source address
  // (rport), which is the probe's socket.
  const request = [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP ${host}:9;branch=${branch};rport`,
    'Max-Forwards: 5',
    `From: <sip:probe@${host}>;tag=${tag}`,
    `To: <sip:${host}:${port}>`,
    `Call-ID: probe-${tag}@${host}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const answer = await udpExchange(host, port, request, timeoutMs);
  return answer !== null && answer.startsWith('SIP/2.0 200');
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}
