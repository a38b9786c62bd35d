// Provisional registration numbers, read to the citizen at once, before the server assigns the
// official one: `P-<device tag>-<counter>`. The counter is per device and only grows (it lives in
// the store and is taken in the transaction that saves the appeal); the tag keeps numbers of
// different workstations apart when they are read out or written down.
import { createHash } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a tag read over the phone is not misheard or misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Four characters (20 bits) derived from the device id; uuidv7's leading bits are a timestamp, so hash it. */
export function deviceTag(deviceId: string): string {
  const digest = createHash('sha256').update(deviceId).digest();
  const bits = (digest[0]! << 12) | (digest[1]! << 4) | (digest[2]! >> 4);
  let tag = '';
  for (let shift = 15; shift >= 0; shift -= 5) tag += CROCKFORD[(bits >> shift) & 31];
  return tag;
}

export function formatProvisionalNumber(tag: string, counter: number): string {
  return `P-${tag}-${String(counter).padStart(6, '0')}`;
}
