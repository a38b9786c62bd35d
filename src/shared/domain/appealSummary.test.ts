import { ESSENCE_PREVIEW_CHARS, essencePreview } from './appealSummary';

it('keeps a short essence whole, on one line', () => {
  expect(essencePreview('Немає  гарячої\nводи')).toBe('Немає гарячої води');
});

it('cuts a long essence at a word boundary and marks the cut', () => {
  const preview = essencePreview('слово '.repeat(100));
  expect(preview.length).toBeLessThanOrEqual(ESSENCE_PREVIEW_CHARS + 1);
  expect(preview.endsWith('слово…')).toBe(true);
});
