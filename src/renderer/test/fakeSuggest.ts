// Suggestions for UI tests: a rule per word instead of a model, answered through the real contract
// (fakeApi.ts parses every input with its schema), or a model that is missing or damaged.
import type { ParsedInput } from '../../shared/ipc/contract';
import type { SuggestAnswer } from '../../shared/ipc/suggest';
import { ok, type Result } from '../../shared/result';

export interface FakeSuggestOptions {
  /** What suggest:query answers; default: a ready model that knows no word (empty lists). */
  answer?: (query: ParsedInput<'suggest:query'>) => SuggestAnswer;
}

export const noSuggestions: SuggestAnswer = { model: 'ready', categories: [], executors: [] };

export function fakeSuggestHandlers(options: FakeSuggestOptions): {
  'suggest:query': (query: ParsedInput<'suggest:query'>) => Result<SuggestAnswer>;
} {
  return { 'suggest:query': (query) => ok(options.answer?.(query) ?? noSuggestions) };
}
