import { uuidv7 } from '../../shared/domain/ids';
import { deviceTag } from './deviceTag';

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
