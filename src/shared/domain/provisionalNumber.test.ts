import { DEVICE_TAG, deviceTagFromDigest, formatProvisionalNumber } from './provisionalNumber';

it('formats the counter with six digits after the device tag', () => {
  expect(formatProvisionalNumber('7K3M', 42)).toBe('P-7K3M-000042');
  expect(formatProvisionalNumber('7K3M', 1_234_567)).toBe('P-7K3M-1234567');
});

it('takes the tag from the first 20 bits of the digest, without ambiguous letters', () => {
  // 0x3a 0x7f 0xc0... -> 00111 01001 11111 11100 -> 7, 9, 31, 28 in base32.
  expect(deviceTagFromDigest(new Uint8Array([0x3a, 0x7f, 0xc0, 0x01]))).toBe('79ZW');
  expect(deviceTagFromDigest(new Uint8Array([0xff, 0xff, 0xff]))).toBe('ZZZZ');
  for (let b = 0; b < 256; b += 7) {
    expect(deviceTagFromDigest(new Uint8Array([b, 255 - b, b ^ 0x5a]))).toMatch(DEVICE_TAG);
  }
});
