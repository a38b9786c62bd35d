// Reads the shipped suggestion model once. The file is a trust boundary like the reference data: a
// missing or damaged file becomes an `unavailable` state with a reason, never a throw, so the intake
// form keeps its pickers and shows a notice instead of suggestions.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSuggestModel, SUGGEST_MODEL_PATH, type SuggestModel } from '../../shared/suggest';
import type { SuggestUnavailableReason } from '../../shared/ipc/suggest';

export type ModelState =
  | {
      state: 'ready';
      model: SuggestModel;
      /** Bytes on disk, and how long reading and parsing took (ms), for the log and the benchmark. */
      bytes: number;
      readMs: number;
      parseMs: number;
    }
  | { state: 'unavailable'; reason: SuggestUnavailableReason; message: string };

/** The contract caps the message (a deep install path must not break the answer). */
const unavailable = (reason: SuggestUnavailableReason, message: string): ModelState => ({
  state: 'unavailable',
  reason,
  message: message.slice(0, 500),
});

/** The model's file under a resources folder (`SUGGEST_MODEL_PATH` is relative to the app's root). */
export const modelFileIn = (resourcesDir: string): string =>
  join(resourcesDir, SUGGEST_MODEL_PATH.replace(/^resources\//, ''));

/**
 * Reads and parses the model. The read is asynchronous (off the event loop); the parse is one
 * synchronous pass over the bytes, measured so the benchmark can hold it to its 500 ms budget.
 */
export async function readModelFile(file: string): Promise<ModelState> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return unavailable('missing', `${file}: file is missing`);
    return unavailable('corrupt', `${file}: cannot be read (${code ?? 'error'})`);
  }
  const read = performance.now();
  try {
    const model = parseSuggestModel(bytes);
    const parsed = performance.now();
    return { state: 'ready', model, bytes: bytes.length, readMs: read - started, parseMs: parsed - read };
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'not a model';
    return unavailable('corrupt', `${file}: ${reason}`);
  }
}
