// A UDP socket standing in for an operator's phone audio port: counts the RTP packets that reach
// it, remembers who sent them (rtpengine's relay ports, when media is anchored correctly) and
// reads the DTMF tones carried as telephone-events.
import { createSocket, type Socket } from 'node:dgram';
import { freePort } from './ports';

/** RFC 4733 event codes 0-15: the digits, then *, #, A-D. */
const DTMF_EVENTS = '0123456789*#ABCD';

export interface RtpSink {
  port: number;
  /** RTP packets received (version 2 header), by payload type. */
  packetsByPayloadType: Map<number, number>;
  /** Source ports the packets came from. */
  sourcePorts: Set<number>;
  /**
   * The DTMF tones received as RFC 4733 telephone-events (16-byte packets of a payload type that is
   * not G.711), in order: one per event (its packets share an RTP timestamp).
   */
  dtmfTones(): string;
  total(): number;
  close(): Promise<void>;
}

export async function startRtpSink(): Promise<RtpSink> {
  const port = await freePort();
  const socket: Socket = createSocket('udp4');
  const packetsByPayloadType = new Map<number, number>();
  const sourcePorts = new Set<number>();
  const events: { payloadType: number; timestamp: number; tone: string }[] = [];
  socket.on('message', (packet, remote) => {
    // RTP: version bits 10, then the payload type in the low 7 bits of the second byte.
    if (packet.length < 12 || packet[0] === undefined || packet[0] >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    packetsByPayloadType.set(payloadType, (packetsByPayloadType.get(payloadType) ?? 0) + 1);
    sourcePorts.add(remote.port);
    if (packet.length === 16 && payloadType !== 0 && payloadType !== 8) {
      const timestamp = packet.readUInt32BE(4);
      const tone = DTMF_EVENTS[packet[12] ?? 255];
      const known = events.some((e) => e.payloadType === payloadType && e.timestamp === timestamp);
      if (tone && !known) events.push({ payloadType, timestamp, tone });
    }
  });
  await new Promise<void>((resolveBind) => socket.bind(port, '127.0.0.1', resolveBind));
  return {
    port,
    packetsByPayloadType,
    sourcePorts,
    dtmfTones: () => events.map((e) => e.tone).join(''),
    total: () => [...packetsByPayloadType.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolveClose) => socket.close(() => resolveClose())),
  };
}
