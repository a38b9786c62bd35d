// Free loopback ports for the PBX and SIP peers of one test. A port is taken only when both its
// TCP and UDP sides are free, because SIP listens on both kinds.
//
// Ports are picked below the kernel's ephemeral range (32768-60999) and apart from the RTP ranges
// (20000-27999): a port handed out here may stay unbound for a minute (a gateway sipp starts only
// when its test does), and an ephemeral one was meanwhile taken by Chromium's ICE or a media socket,
// failing sipp's bind (exit 254) under load.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const LISTEN_RANGE = { min: 12_000, max: 19_999 } as const;

function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

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
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LISTEN_RANGE.min + Math.floor(Math.random() * (LISTEN_RANGE.max - LISTEN_RANGE.min + 1));
    if (!handedOut.has(port) && (await tcpPortFree(port)) && (await udpPortFree(port))) {
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
