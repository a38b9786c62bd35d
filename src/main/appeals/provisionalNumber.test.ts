import { uuidv7 } from '../../shared/domain/ids';
import { deviceTag, formatProvisionalNumber } from './provisionalNumber';

it('formats the counter with six digits after the device tag', () => {
  expect(formatProvisionalNumber('7K3M', 42)).toBe('P-7K3M-000042');
  expect(formatProvisionalNumber('7K3M', 1_234_567)).toBe('P-7K3M-1234567');
});

it('derives a stable four-character tag without ambiguous letters', () => {
  const id = uuidv7();
  expect(deviceTag(id)).toBe(deviceTag(id));
  expect(deviceTag(id)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
});

it('gives devices created in the same millisecond different tags', () => {
  const now = Date.now();
  const tags = new Set(Array.from({ length: 50 }, () => deviceTag(uuidv7(now))));
  expect(tags.size).toBeGreaterThan(45);
});
