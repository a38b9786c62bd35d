// Provisional registration numbers, read to the citizen at once, before the server assigns the
// official one: `P-<device tag>-<counter>`. The counter is per device and only grows (main keeps it
// in the store and takes it in the transaction that saves the appeal); the tag keeps numbers of
// different workstations apart when they are read out or written down. The tag comes from a
// SHA-256 digest of the device id, which the caller computes (main with node:crypto): shared code
// has no synchronous hash.

// Crockford's base32: no I, L, O or U, so a tag read over the phone is not misheard or misread.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A device tag: four Crockford base32 characters. */
export const DEVICE_TAG = /^[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * Four characters (20 bits) from the digest of the device id; uuidv7's leading bits are a
 * timestamp, so the id is hashed rather than cut.
 */
export function deviceTagFromDigest(digest: Uint8Array): string {
  if (digest.length < 3) throw new Error('A device tag needs at least 3 bytes of digest');
  const bits = (digest[0]! << 12) | (digest[1]! << 4) | (digest[2]! >> 4);
  let tag = '';
  for (let shift = 15; shift >= 0; shift -= 5) tag += CROCKFORD[(bits >> shift) & 31];
  return tag;
}

export function formatProvisionalNumber(tag: string, counter: number): string {
  return `P-${tag}-${String(counter).padStart(6, '0')}`;
}
