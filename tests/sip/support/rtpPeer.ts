// A citizen's (or an outside party's) audio port that talks back: counts the RTP it receives by
// payload type, and sends its own stream of one payload type every 20 ms, to where the latest packet
// came from (symmetric RTP, what rtpengine expects of a UDP leg; a transferred call's new relay port
// takes over from the old one) or to an address given by the test.
// With it a test proves audio both ways through rtpengine without a sound card.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { freePort } from './ports';

/** 20 ms of audio at 8 kHz, the clock of G.711 and G.729. */
const SAMPLES_PER_PACKET = 160;
const PACKET_MS = 20;

export interface RtpPeer {
  port: number;
  /** RTP packets received, of one payload type or all. */
  received(payloadType?: number): number;
  /** RTP packets sent so far. */
  sent(): number;
  /** Sends to this address from now on (when the test knows rtpengine's port before any packet came). */
  sendTo(host: string, port: number): void;
  close(): Promise<void>;
}

/** ITU-T G.711 A-law of one 16-bit sample (the reference encoder's segment search). */
function alaw(sample: number): number {
  const SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
  let value = sample >> 3;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  const segment = SEGMENT_ENDS.findIndex((end) => value <= end);
  if (segment < 0) return 0x7f ^ mask;
  const mantissa = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}

/** 20 ms packets of a sine tone in A-law (payload type 8): audio energy the browser measures. */
export function alawTone(hz = 440): (packet: number) => Buffer {
  return (packet) => {
    const frame = Buffer.alloc(SAMPLES_PER_PACKET);
    for (let i = 0; i < SAMPLES_PER_PACKET; i += 1) {
      const t = (packet * SAMPLES_PER_PACKET + i) / 8000;
      frame[i] = alaw(Math.round(8000 * Math.sin(2 * Math.PI * hz * t)));
    }
    return frame;
  };
}

/**
 * 20 ms packets of G.729 (payload type 18): two 10-byte frames of random bits. Every bit pattern is
 * a valid frame, and random parameters decode to noise, which is audio energy after transcoding.
 */
export function g729Noise(): (packet: number) => Buffer {
  return () => randomBytes(20);
}

export async function startRtpPeer(input: {
  payloadType: number;
  payload: (packet: number) => Buffer;
}): Promise<RtpPeer> {
  const port = await freePort();
  const socket: Socket = createSocket('udp4');
  const received = new Map<number, number>();
  const ssrc = randomBytes(4).readUInt32BE(0);
  let target: { host: string; port: number } | null = null;
  let sent = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const sendOne = () => {
    if (!target) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = input.payloadType & 0x7f;
    header.writeUInt16BE(sent & 0xffff, 2);
    header.writeUInt32BE((sent * SAMPLES_PER_PACKET) >>> 0, 4);
    header.writeUInt32BE(ssrc, 8);
    socket.send(Buffer.concat([header, input.payload(sent)]), target.port, target.host);
    sent += 1;
  };
  const startSending = (host: string, to: number) => {
    target = { host, port: to };
    timer ??= setInterval(sendOne, PACKET_MS);
  };

  socket.on('message', (packet, remote) => {
    // RTP: version bits 10, then the payload type in the low 7 bits of the second byte.
    if (packet.length < 12 || packet[0] === undefined || packet[0] >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    received.set(payloadType, (received.get(payloadType) ?? 0) + 1);
    startSending(remote.address, remote.port);
  });
  await new Promise<void>((resolveBind) => socket.bind(port, '127.0.0.1', resolveBind));
  return {
    port,
    received: (payloadType) =>
      payloadType === undefined
        ? [...received.values()].reduce((a, b) => a + b, 0)
        : (received.get(payloadType) ?? 0),
    sent: () => sent,
    sendTo: startSending,
    close: () =>
      new Promise<void>((resolveClose) => {
        if (timer) clearInterval(timer);
        socket.close(() => resolveClose());
      }),
  };
}
