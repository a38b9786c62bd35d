import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TINY, tinyModelBytes } from '../../shared/suggest/tinyModel';
import { SuggestQuery, type SuggestAnswer, type SuggestQueryInput } from '../../shared/ipc/suggest';
import type { Result } from '../../shared/result';
import { createSuggestService, type LoadReport } from './suggestService';
import { modelFileIn, readModelFile } from './modelFile';

const dirs: string[] = [];
/** A resources folder holding these bytes as the model file (none: no model). */
function resources(model?: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'suggest-'));
  dirs.push(dir);
  if (model) {
    mkdirSync(join(dir, 'suggest'), { recursive: true });
    writeFileSync(modelFileIn(dir), model);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const query = (input: SuggestQueryInput) => SuggestQuery.parse(input);
const silent = () => undefined;

describe('the suggestion service', () => {
  it('loads the model once, on the first query, and answers from it', async () => {
    const reports: LoadReport[] = [];
    const service = createSuggestService({
      file: modelFileIn(resources(tinyModelBytes())),
      onLoaded: (r) => reports.push(r),
    });
    expect(reports).toHaveLength(0);
    const [first, second] = await Promise.all([
      service.query(query({ text: 'Немає світла в під’їзді' })),
      service.query(query({ text: 'немає води' })),
    ]);
    expect(reports).toEqual([expect.objectContaining({ state: 'ready' })]);
    expect(firstCategory(first)).toBe(TINY.light);
    expect(firstCategory(second)).toBe(TINY.water);
  });

  it('suggests executors for the chosen category and the district', async () => {
    const service = createSuggestService({
      file: modelFileIn(resources(tinyModelBytes())),
      onLoaded: silent,
    });
    const answer = await service.query(
      query({ text: 'вода', categoryId: TINY.light, district: 'Оболонський р-н' }),
    );
    expect(answer.ok && answer.value.model === 'ready' && answer.value.executors[0]?.id).toBe(
      TINY.housingSouth,
    );
  });

  it('says the model is missing, once, and keeps answering without it', async () => {
    let reads = 0;
    const service = createSuggestService({
      file: modelFileIn(resources()),
      onLoaded: silent,
      read: (file) => {
        reads += 1;
        return readModelFile(file);
      },
    });
    for (let i = 0; i < 3; i++) {
      const answer = await service.query(query({ text: 'немає води' }));
      expect(answer).toMatchObject({ ok: true, value: { model: 'unavailable', reason: 'missing' } });
    }
    expect(reads).toBe(1);
  });

  it.each([
    ['garbage', new TextEncoder().encode('not a model at all, just text')],
    ['a truncated model', tinyModelBytes().subarray(0, 200)],
    ['a model with one byte flipped', flipped(tinyModelBytes(), 100)],
    ['an empty file', new Uint8Array(0)],
  ])('says the model is damaged for %s, naming the file', async (_what, bytes) => {
    const dir = resources(bytes);
    const service = createSuggestService({ file: modelFileIn(dir), onLoaded: silent });
    const answer = await service.query(query({ text: 'вода' }));
    if (!answer.ok || answer.value.model !== 'unavailable') throw new Error('expected unavailable');
    expect(answer.value.reason).toBe('corrupt');
    expect(answer.value.message).toContain(modelFileIn(dir));
  });
});

function firstCategory(answer: Result<unknown>): string | undefined {
  if (!answer.ok) throw new Error(answer.error.message);
  const value = answer.value as SuggestAnswer;
  return value.model === 'ready' ? value.categories[0]?.id : undefined;
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ 0xff;
  return copy;
}
