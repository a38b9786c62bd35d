// suggest:query through the web host's WebSocket, as the page calls it: the real workstation and
// dispatcher over a resources folder like the shipped one, with a model, without one, or with a
// damaged one. Whatever the essence, the answer is suggestions or none, never an error.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { startWebHost, type WebHost } from '../../../src/main/webHost/webHost';
import { connectApi, type ApiClient } from '../../../src/main/webHost/test/testClient';
import { modelFileIn } from '../../../src/main/suggest';
import type { SuggestAnswer } from '../../../src/shared/ipc/suggest';
import { TINY, tinyModelBytes } from '../../../src/shared/suggest/tinyModel';

interface Running {
  dir: string;
  workstation: Workstation;
  host: WebHost;
  client: ApiClient;
}

/** The shipped resources with this model file (none: no model). */
async function start(model: Uint8Array | null): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'suggest-ipc-'));
  const resources = join(dir, 'resources');
  mkdirSync(join(resources, 'suggest'), { recursive: true });
  for (const part of ['reference', 'scripts', 'calendar'])
    symlinkSync(resolve('resources', part), join(resources, part));
  if (model) writeFileSync(modelFileIn(resources), model);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
  const key = randomBytes(32);
  const opened = await openWorkstation({
    dataDir: join(dir, 'data'),
    keyProvider: { getKey: async () => key },
    resourcesDir: resources,
    host: 'web',
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const workstation = opened.value;
  const host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    workstation,
    logger: pino({ level: 'silent' }),
    validateOutput: true,
  });
  const client = await connectApi(host.url, { token: host.token });
  return { dir, workstation, host, client };
}

async function stop(r: Running | undefined): Promise<void> {
  if (!r) return;
  await r.client.close();
  await r.host.close();
  r.workstation.close();
  rmSync(r.dir, { recursive: true, force: true });
}

async function ask(r: Running, input: unknown): Promise<SuggestAnswer> {
  const result = await r.client.call('suggest:query', input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as SuggestAnswer;
}

describe('suggest:query with a model', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start(tinyModelBytes());
  });
  afterAll(() => stop(running));

  it('suggests the category with its group and the executor for the district', async () => {
    const answer = await ask(running, {
      text: 'Третій день немає світла в під’їзді',
      district: 'Оболонський',
    });
    if (answer.model !== 'ready') throw new Error(answer.message);
    expect(answer.categories[0]).toMatchObject({ id: TINY.light, groupId: 'g-lighting' });
    expect(answer.executors[0]?.id).toBe(TINY.housingSouth);
  });

  it.each([
    ['empty', ''],
    ['one word', 'вода'],
    ['mixed languages', 'Нет воды, немає світла, no water since Monday'],
    ['all caps', 'НЕМАЄ СВІТЛА В ПІД’ЇЗДІ'],
    ['emoji', '💡💡 немає світла 😡🙏'],
    ['only emoji', '🔥🔥🔥'],
    ['100 KB', 'немає світла в під’їзді, '.repeat(4_100)],
    ['100 KB of emoji', '💧'.repeat(25_000)],
    ['lone surrogates and controls', '\ud83d\u0000\u200b\ufeffвода\udc00'],
  ])('answers an essence that is %s with suggestions or none, never an error', async (_what, text) => {
    const answer = await ask(running, { text });
    expect(answer.model).toBe('ready');
  });

  it('still reads the words of an all-caps or emoji-strewn essence', async () => {
    for (const text of ['НЕМАЄ СВІТЛА', '💡 немає світла 😡'])
      expect(await ask(running, { text })).toMatchObject({
        categories: [{ id: TINY.light }, expect.anything()],
      });
  });

  it('refuses what is not a query with invalid_input naming the field', async () => {
    for (const input of [
      { text: 42 },
      { text: 'вода', sql: 'drop' },
      { text: 'вода', limits: { categories: 99 } },
    ]) {
      const result = await running.client.call('suggest:query', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});

describe('suggest:query without a usable model', () => {
  let runs: Running[] = [];
  afterAll(async () => {
    for (const r of runs) await stop(r);
    runs = [];
  });

  it('says the model is missing, and the workstation serves everything else', async () => {
    const r = await start(null);
    runs.push(r);
    expect(await ask(r, { text: 'немає світла' })).toMatchObject({ model: 'unavailable', reason: 'missing' });
    expect((await r.client.call('reference:classifier')).ok).toBe(true);
  });

  it('says a damaged model file is damaged, naming the file', async () => {
    const bytes = tinyModelBytes();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
    const r = await start(bytes);
    runs.push(r);
    const answer = await ask(r, { text: 'немає світла' });
    expect(answer).toMatchObject({ model: 'unavailable', reason: 'corrupt' });
    expect(answer.model === 'unavailable' && answer.message).toMatch(/model\.bin: .*checksum/);
  });
});
