// Free loopback ports for the PBX and SIP peers of one test. A port is taken only when both its
// TCP and UDP sides are free, because SIP listens on both kinds.
import { createSocket } from 'node:dgram';
import { freePort as freeTcpPort } from '../../../src/server/embedded';

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolveFree(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolveFree(true)));
  });
}

const handedOut = new Set<number>();

/** A loopback port free for TCP and UDP, never the same twice in one test process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freeTcpPort();
    if (!handedOut.has(port) && (await udpPortFree(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port found');
}

/** A run of `count` consecutive free UDP ports (an RTP range), away from the ephemeral range. */
export async function freeUdpRange(count: number): Promise<{ min: number; max: number }> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const min = 20_000 + 2 * Math.floor(Math.random() * 4_000);
    const ports = Array.from({ length: count }, (_, i) => min + i);
    if (ports.some((p) => handedOut.has(p))) continue;
    const free = await Promise.all(ports.map(udpPortFree));
    if (free.every(Boolean)) {
      ports.forEach((p) => handedOut.add(p));
      return { min, max: min + count - 1 };
    }
  }
  throw new Error('no free UDP port range found');
}
