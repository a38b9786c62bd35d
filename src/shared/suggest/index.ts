// The offline category/executor suggestion model: the contract the workstation codes against.
// Pure TypeScript (no Node, no DOM): it runs in the main process and in the renderer alike.
// See README.md here for the model file's format and scripts/suggest for how it is trained.
import { parseModelBytes, type SuggestModel } from './modelFormat';
import type { AppealHistory } from './neighbours';
import { predict } from './predict';

export type { SuggestModel } from './modelFormat';
export type { AppealHistory, PastAppeal } from './neighbours';
export { indexedWordsOf } from './neighbours';

/** Where the shipped model lives, relative to the app's root (next to `resources/reference`). */
export const SUGGEST_MODEL_PATH = 'resources/suggest/model.bin';

export interface SuggestInput {
  /** The essence of the appeal as the operator types it: any string, any length. */
  text: string;
  /** The address's free `district` field (e.g. "Оболонський", "Оболонский р-н"), when known. */
  district?: string;
  lat?: number;
  lon?: number;
  /** The question type the operator already picked: executors are then suggested for it. */
  categoryId?: string;
  /**
   * The appeals registered before (the workstation's store): the types of those most like this
   * essence are mixed into the model's (neighbours.ts). Without it the model alone answers.
   */
  history?: AppealHistory;
}

export interface Suggestion {
  id: string;
  /** Probability in [0, 1] (softmax / mixture of counts): the UI may show it as a percentage. */
  confidence: number;
}

export interface Suggestions {
  /** Question type ids of the classifier (resources/reference/classifier.json), most likely first. */
  categories: (Suggestion & { groupId: string })[];
  /** Executor ids of the directory (resources/reference/executors.json), most likely first. */
  executors: Suggestion[];
}

export interface SuggestLimits {
  categories?: number;
  executors?: number;
}

export const DEFAULT_LIMITS: Required<SuggestLimits> = { categories: 5, executors: 3 };

/**
 * Reads a model file's bytes. Throws an Error that says what is wrong (not a model, another
 * format version, truncated, checksum mismatch) so the caller can show a clear notice and keep
 * the pickers working without suggestions.
 */
export function parseSuggestModel(bytes: Uint8Array): SuggestModel {
  return parseModelBytes(bytes);
}

/**
 * Suggestions for what the operator has typed so far. Never throws on any input string; returns
 * empty lists when the text holds nothing the model knows.
 */
export function suggest(model: SuggestModel, input: SuggestInput, limits?: SuggestLimits): Suggestions {
  try {
    return predict(model, input, { ...DEFAULT_LIMITS, ...limits });
  } catch {
    // A suggestion is a convenience: a bug here must never break the intake form.
    return { categories: [], executors: [] };
  }
}
