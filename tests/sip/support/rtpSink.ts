// A UDP socket standing in for an operator's phone audio port: counts the RTP packets that reach
// it and remembers who sent them (rtpengine's relay ports, when media is anchored correctly).
import { createSocket, type Socket } from 'node:dgram';
import { freePort } from './ports';

export interface RtpSink {
  port: number;
  /** RTP packets received (version 2 header), by payload type. */
  packetsByPayloadType: Map<number, number>;
  /** Source ports the packets came from. */
  sourcePorts: Set<number>;
  total(): number;
  close(): Promise<void>;
}

export async function startRtpSink(): Promise<RtpSink> {
  const port = await freePort();
  const socket: Socket = createSocket('udp4');
  const packetsByPayloadType = new Map<number, number>();
  const sourcePorts = new Set<number>();
  socket.on('message', (packet, remote) => {
    // RTP: version bits 10, then the payload type in the low 7 bits of the second byte.
    if (packet.length < 12 || packet[0] === undefined || packet[0] >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    packetsByPayloadType.set(payloadType, (packetsByPayloadType.get(payloadType) ?? 0) + 1);
    sourcePorts.add(remote.port);
  });
  await new Promise<void>((resolveBind) => socket.bind(port, '127.0.0.1', resolveBind));
  return {
    port,
    packetsByPayloadType,
    sourcePorts,
    total: () => [...packetsByPayloadType.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolveClose) => socket.close(() => resolveClose())),
  };
}
