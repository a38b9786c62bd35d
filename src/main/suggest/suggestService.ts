// `suggest:query`: the model is loaded on the first query (the renderer sends one as the intake form
// appears, so the load never delays the first window), then every query is answered synchronously
// in main. Prediction stays in main because it costs well under a millisecond (bench/suggestBench.ts
// measures it beside a save-heavy workload on the 1M store), the model is read once for every
// window, and the renderer needs no second copy of it.
import { pino } from 'pino';
import { SUGGEST_TEXT_CHARS, type SuggestAnswer, type SuggestQuery } from '../../shared/ipc/suggest';
import { ok, type Result } from '../../shared/result';
import { suggest, type AppealHistory } from '../../shared/suggest';
import { readModelFile, type ModelState } from './modelFile';

export interface SuggestServiceOptions {
  file: string;
  /** Told once when the model is loaded or found unavailable (no appeal text in it). */
  onLoaded?: (state: LoadReport) => void;
  /** Replaces the file reader (tests). */
  read?: (file: string) => Promise<ModelState>;
  /**
   * The appeals held before (the store): the types of the closest essences are mixed into the
   * model's. A read that fails (a store closing) leaves the model alone to answer.
   */
  history?: AppealHistory;
}

export type LoadReport =
  | { state: 'ready'; bytes: number; readMs: number; parseMs: number }
  | { state: 'unavailable'; reason: string; message: string };

export interface SuggestService {
  query(input: SuggestQuery): Promise<Result<SuggestAnswer>>;
  /** Starts loading now (idempotent); resolves when the model is ready or known unavailable. */
  load(): Promise<ModelState>;
}

/** Probabilities can overshoot 1 by a rounding error; the contract says [0, 1]. */
const clamp = (p: number): number => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

export function answerWith(model: ModelState, input: SuggestQuery, history?: AppealHistory): SuggestAnswer {
  if (model.state === 'unavailable')
    return { model: 'unavailable', reason: model.reason, message: model.message };
  const found = suggest(
    model.model,
    {
      // The model reads no further; a huge paste must not cost more than a normal essence.
      text: input.text.slice(0, SUGGEST_TEXT_CHARS),
      ...(input.district !== undefined ? { district: input.district } : {}),
      ...(input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : {}),
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      // Executors for a picked type do not depend on the types of similar appeals.
      ...(history !== undefined && input.categoryId === undefined ? { history } : {}),
    },
    input.limits,
  );
  return {
    model: 'ready',
    categories: found.categories
      .slice(0, input.limits.categories)
      .map((c) => ({ id: c.id, groupId: c.groupId, confidence: clamp(c.confidence) })),
    executors: found.executors
      .slice(0, input.limits.executors)
      .map((e) => ({ id: e.id, confidence: clamp(e.confidence) })),
  };
}

/** One line on stderr, as the hosts log: sizes and times, never appeal text. */
function logLoad(report: LoadReport): void {
  const logger = pino({ name: 'suggest', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  if (report.state === 'ready') logger.info(report, 'suggestion model loaded');
  else logger.warn(report, 'suggestions unavailable');
}

export function createSuggestService(options: SuggestServiceOptions): SuggestService {
  const read = options.read ?? readModelFile;
  const onLoaded = options.onLoaded ?? logLoad;
  let loading: Promise<ModelState> | null = null;
  let loaded: ModelState | null = null;
  const load = (): Promise<ModelState> => {
    loading ??= read(options.file).then((state) => {
      loaded = state;
      onLoaded(
        state.state === 'ready'
          ? { state: 'ready', bytes: state.bytes, readMs: state.readMs, parseMs: state.parseMs }
          : { state: 'unavailable', reason: state.reason, message: state.message },
      );
      return state;
    });
    return loading;
  };
  return {
    load,
    query: async (input) => ok(answerWith(loaded ?? (await load()), input, options.history)),
  };
}
