// Ids made on a workstation: UUIDv7, so they sort by creation time.

/** Web Crypto: present in Node >= 19 and every browser, but typed only by the DOM lib, which shared goes without. */
type WithWebCrypto = { crypto: { getRandomValues(array: Uint8Array): Uint8Array } };

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made on different
 * workstations never collide and sort by creation time, which keeps B-tree inserts local.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  (globalThis as unknown as WithWebCrypto).crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What uuidv7() makes (the pattern lives with the other UUID shapes in storable.ts). */
export { UUID_V7 } from './storable';
