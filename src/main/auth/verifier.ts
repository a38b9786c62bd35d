// The offline sign-in verifier: scrypt of the password with a random per-user salt. Only a
// password that signed in online on this device can sign in offline, and the store keeps no
// password, only this hash (inside the encrypted store).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** N = 2^15: about 50 ms here, once per sign-in; slow enough to make guessing from a stolen store costly. */
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

export async function makeVerifier(password: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: (await derive(password, salt)).toString('base64') };
}

export async function checkVerifier(password: string, v: { salt: string; hash: string }): Promise<boolean> {
  const expected = Buffer.from(v.hash, 'base64');
  const actual = await derive(password, Buffer.from(v.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
