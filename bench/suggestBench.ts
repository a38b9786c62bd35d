// Suggestions per keystroke (issue 14, part 1) in the workstation with the store open: real appeal
// essences typed a character at a time, each prefix sent as the renderer sends it (suggest:query
// over the web host's WebSocket, through the dispatcher), first alone, then with a save and a
// building lookup queued on the same event loop before every few keystrokes (main serves those
// too, so a keystroke that arrives behind them waits for them). Beside them, in the same run, the
// bare floor: `suggest()` on the same prefixes with the model in hand. And the model's load.
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { pino } from 'pino';
import { modelFileIn, readModelFile } from '../src/main/suggest';
import { connectApi, type ApiClient } from '../src/main/webHost/test/testClient';
import { startWebHost } from '../src/main/webHost/webHost';
import type { Workstation } from '../src/main/workstation';
import type { AppealDraftInput } from '../src/shared/domain/appeal';
import { SUGGEST_TEXT_CHARS } from '../src/shared/ipc/suggest';
import { suggest, type AppealHistory } from '../src/shared/suggest';
import { percentile, type BenchRow } from './report';
import { KYIV_1551_DATA } from './support/benchStore';
import {
  address,
  buildingAddress,
  BUILDING_COUNT,
  oneTimeCallerPhone,
  personName,
  seededRandom,
  syntheticEssence,
} from './support/syntheticPeople';

const ESSENCES = 60;
/** An operator types the essence's first words while the caller talks; later keystrokes cost the same. */
const TYPED_CHARS = 160;
/**
 * One save and one building lookup queued before every this many keystrokes: about one every four
 * seconds of typing, far more than an operator's own saves and the pulled changes of a busy center
 * (a few a minute), so the mixed figure is a stress case. The keystrokes right behind them wait
 * for them whatever the rate: they are reported apart.
 */
const LOAD_EVERY = 25;

const row = (name: string, value: number, unit: string, limit: number | null, target?: string): BenchRow => ({
  name,
  value,
  unit,
  target: target ?? (limit === null ? 'baseline' : `<= ${limit} ${unit}`),
  pass: limit === null ? null : value <= limit,
});

/** Essences of real appeals, spread over the data set (or synthetic ones without it). */
async function essences(): Promise<string[]> {
  if (!existsSync(KYIV_1551_DATA)) {
    const random = seededRandom(14);
    return Array.from({ length: ESSENCES }, () => syntheticEssence(random));
  }
  const all: string[] = [];
  const input = createReadStream(KYIV_1551_DATA).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string' && text.trim().length >= 40) all.push(text.trim());
  }
  const step = Math.max(1, Math.floor(all.length / ESSENCES));
  return all.filter((_, i) => i % step === 0).slice(0, ESSENCES);
}

/** Every prefix an operator's keystrokes make of each essence. */
function keystrokes(texts: readonly string[]): string[] {
  return texts.flatMap((text) => {
    const typed = text.slice(0, TYPED_CHARS);
    return Array.from({ length: typed.length }, (_, i) => typed.slice(0, i + 1));
  });
}

async function timedQuery(client: ApiClient, text: string, samples: number[]): Promise<void> {
  const started = performance.now();
  const result = await client.call('suggest:query', { text: text.slice(0, SUGGEST_TEXT_CHARS) });
  samples.push(performance.now() - started);
  if (!result.ok) throw new Error(result.error.message);
}

export async function measureSuggestions(
  workstation: Workstation,
  resourcesDir: string,
  /** The same store through its own connection, for the bare figure with the store's history. */
  history: AppealHistory,
): Promise<BenchRow[]> {
  const file = modelFileIn(resourcesDir);
  const loaded = await readModelFile(file);
  if (loaded.state !== 'ready') {
    console.info(`Suggestion benchmark skipped: ${loaded.message}`);
    return [];
  }
  const typed = keystrokes(await essences());

  const bare: number[] = [];
  for (const text of typed.slice(0, 500)) suggest(loaded.model, { text });
  for (const text of typed) {
    const started = performance.now();
    suggest(loaded.model, { text: text.slice(0, SUGGEST_TEXT_CHARS) });
    bare.push(performance.now() - started);
  }

  // The model and the store's history (neighbours.ts: a few index reads and 40 essences compared).
  const bareHistory: number[] = [];
  for (const text of typed.slice(0, 500)) suggest(loaded.model, { text, history });
  for (const text of typed) {
    const started = performance.now();
    suggest(loaded.model, { text: text.slice(0, SUGGEST_TEXT_CHARS), history });
    bareHistory.push(performance.now() - started);
  }

  const dir = mkdtempSync(join(tmpdir(), 'suggest-bench-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Workstation</title>');
  const host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir: join(dir, 'renderer'),
    workstation,
    logger: pino({ level: 'silent' }),
    token: randomBytes(24).toString('base64url'),
  });
  const client = await connectApi(host.url, { token: host.token });
  try {
    // The workstation's own first query loads the model (as the intake form's warm-up does).
    await client.call('suggest:query', { text: '' });
    for (const text of typed.slice(0, 500)) await client.call('suggest:query', { text });

    const alone: number[] = [];
    for (const text of typed) await timedQuery(client, text, alone);

    const random = seededRandom(1414);
    const classifier = await client.call('reference:classifier');
    if (!classifier.ok) throw new Error(classifier.error.message);
    const types = (
      classifier.value as { types: { id: string; defaultExecutorId: string | null }[] }
    ).types.filter((t) => t.defaultExecutorId !== null);
    const draft = (essence: string): AppealDraftInput => {
      const type = types[Math.floor(random() * types.length)]!;
      return {
        type: 'statement',
        categoryId: type.id,
        executorId: type.defaultExecutorId!,
        essence,
        applicant: {
          fullName: personName(random),
          phones: [oneTimeCallerPhone(Math.floor(random() * 900_000))],
          address: address(random),
        },
      };
    };
    const mixed: number[] = [];
    const behind: number[] = [];
    const background: Promise<unknown>[] = [];
    for (const [i, text] of typed.entries()) {
      const queued = i % LOAD_EVERY === 0;
      if (queued) {
        // Sent first and not awaited: the keystroke's query queues behind them in main.
        background.push(client.call('appeals:create', draft(text)));
        background.push(
          client.call('lookup:building', { address: buildingAddress(Math.floor(random() * BUILDING_COUNT)) }),
        );
      }
      await timedQuery(client, text, mixed);
      if (queued) behind.push(mixed.at(-1)!);
    }
    const failed = (await Promise.all(background)).filter((r) => !(r as { ok: boolean }).ok);
    if (failed.length > 0) throw new Error(`${failed.length} background calls failed`);

    const mb = statSync(file).size / 1024 / 1024;
    return [
      row('suggestion model on disk', mb, 'MB', 25),
      row('suggestion model load (read + parse)', loaded.readMs + loaded.parseMs, 'ms', 500),
      row(`keystrokes measured (${ESSENCES} real essences)`, typed.length, '', null, '-'),
      row('bare predict per keystroke p50', percentile(bare, 50), 'ms', null),
      row('bare predict per keystroke p95', percentile(bare, 95), 'ms', null),
      row('bare predict + store history p50', percentile(bareHistory, 50), 'ms', null, '-'),
      row('bare predict + store history p95', percentile(bareHistory, 95), 'ms', 15),
      row('suggestion per keystroke via web host p50', percentile(alone, 50), 'ms', null, '-'),
      row('suggestion per keystroke via web host p95', percentile(alone, 95), 'ms', 15),
      row(`  with a save + lookup every ${LOAD_EVERY} keys p50`, percentile(mixed, 50), 'ms', null, '-'),
      row(`  with a save + lookup every ${LOAD_EVERY} keys p95`, percentile(mixed, 95), 'ms', 15),
      row('  a keystroke right behind a save + lookup p50', percentile(behind, 50), 'ms', null, '-'),
      row('  a keystroke right behind a save + lookup max', Math.max(...behind), 'ms', null, '-'),
    ];
  } finally {
    await client.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
