// Suggestions with the store as history: the type given to the same complaint earlier on this
// workstation comes up for the next caller. The real workstation, the shipped model, an encrypted
// store and its full-text index; then the store adapter alone, against hostile words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src/main/core/db/openStore';
import { appealHistory } from '../../../src/main/appeals';
import { modelFileIn } from '../../../src/main/suggest';
import { STORE_FILE_NAME } from '../../../src/main/workstation';
import type { SuggestAnswer } from '../../../src/shared/ipc/suggest';
import { closestAppeals, rareWordsOf } from '../../../src/shared/suggest/neighbours';
import { parseSuggestModel } from '../../../src/shared/suggest';
import { draftInput, reference } from '../support/drafts';
import { randomKey, RESOURCES_DIR, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const tempDir = useTempDirs('suggest-history-');
const model = parseSuggestModel(readFileSync(modelFileIn(RESOURCES_DIR)));
const ESSENCE = 'Застряг ліфт у під’їзді №2, кабіна стоїть між 7 і 8 поверхами, диспетчер не відповідає';

async function categoriesFor(ws: Awaited<ReturnType<typeof open>>, text: string) {
  const answer = (await value(ws.handlers['suggest:query']({ text } as never, ctx))) as SuggestAnswer;
  if (answer.model !== 'ready') throw new Error(`model ${answer.model}`);
  return answer.categories;
}

describe('suggestions from the store', () => {
  it('puts the type the same complaint got before among the first', async () => {
    const dir = tempDir();
    const key = randomKey();
    const ws = await open(dir, key);
    const before = await categoriesFor(ws, ESSENCE);
    // A type the model knows that its words alone do not suggest: the store alone can bring it.
    const type = reference().classifier.types.find(
      (t) =>
        t.defaultExecutorId !== null && model.categoryIndex.has(t.id) && !before.some((c) => c.id === t.id),
    );
    if (!type) throw new Error('no suitable question type in resources/');
    for (const essence of [ESSENCE, `${ESSENCE}. Повторно!`])
      await value(
        ws.handlers['appeals:create'](
          draftInput({ essence, categoryId: type.id, executorId: type.defaultExecutorId! }) as never,
          ctx,
        ),
      );
    const after = await categoriesFor(ws, ESSENCE);
    const found = after.find((c) => c.id === type.id);
    expect(found, JSON.stringify(after)).toBeDefined();
    expect(found!.confidence).toBeGreaterThan(0.1);
    expect(after.indexOf(found!)).toBeLessThan(3);
    ws.close();
  });

  it('reads the index newest first, by whole word, whatever the word holds', async () => {
    const dir = tempDir();
    const key = randomKey();
    const ws = await open(dir, key);
    const essences = [ESSENCE, 'Ліфт не працює третій день', 'Немає опалення в квартирі', 'ЛІФТ зупинився'];
    for (const essence of essences)
      await value(ws.handlers['appeals:create'](draftInput({ essence }) as never, ctx));
    ws.close();
    const store = openStore({ file: join(dir, STORE_FILE_NAME), key });
    if (!store.ok) throw new Error(store.error.message);
    const history = appealHistory(store.value.db);
    const lift = history.newestWith('ліфт', 10);
    const texts = [...history.read(lift)].sort((a, b) => b.key - a.key).map((a) => a.text);
    expect(texts).toEqual([essences[3], essences[1], essences[0]]);
    expect(lift).toEqual([...lift].sort((a, b) => b - a));
    expect(history.newestWith('ліфт', 1)).toEqual(lift.slice(0, 1));
    // Apostrophes are dropped in the index and in the words looked up alike.
    expect(rareWordsOf(model, ESSENCE)).toContain('підїзді');
    expect(history.newestWith('підїзді', 5)).toEqual([lift[2]]);
    for (const hostile of [
      '"',
      '" OR "ліфт',
      'ліфт*',
      'NEAR(ліфт опалення)',
      'AND',
      '',
      ' ',
      'essence : ліфт',
    ])
      expect(() => history.newestWith(hostile, 5), hostile).not.toThrow();
    expect(history.newestWith('" OR "ліфт', 5)).toEqual([]);
    expect(history.read([])).toEqual([]);
    expect(history.read([987654321])).toEqual([]);
    expect(closestAppeals(model, ESSENCE, history)[0]?.appeal.text).toBe(ESSENCE);
    store.value.close();
  });
});
