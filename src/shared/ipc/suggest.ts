// Category and executor suggestions for the intake form (issue 14, part 1): the IPC side only. Main
// holds the model (src/shared/suggest) and answers `suggest:query`; a missing or damaged model is
// an answer too (`unavailable`), never an error, so the pickers keep working without suggestions.
import { z } from 'zod';
import { LIMITS } from '../domain/appeal';

/**
 * How much of the essence a query carries: the model reads no further (its features' `maxChars`),
 * so the renderer cuts here and a 100 KB paste costs what 4,000 characters do.
 */
export const SUGGEST_TEXT_CHARS = 4_000;

/** Any essence is a valid query (empty, pasted, 100 KB): the message size limit is the only bound. */
const QUERY_MAX_CHARS = 250_000;

const ReferenceId = z.string().min(1).max(64);

export const SuggestQuery = z
  .object({
    /** The essence as typed so far. */
    text: z.string().max(QUERY_MAX_CHARS),
    /** The address's free district field, when filled: executors are per area. */
    district: z.string().max(LIMITS.addressPart).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    /** The question type already chosen: executors are then suggested for it. */
    categoryId: ReferenceId.optional(),
    limits: z
      .object({
        categories: z.number().int().min(0).max(10).default(3),
        executors: z.number().int().min(0).max(10).default(3),
      })
      .strict()
      .default({ categories: 3, executors: 3 }),
  })
  .strict();
export type SuggestQueryInput = z.input<typeof SuggestQuery>;
export type SuggestQuery = z.output<typeof SuggestQuery>;

const Confidence = z.number().min(0).max(1);

export const CategorySuggestion = z
  .object({ id: ReferenceId, groupId: ReferenceId, confidence: Confidence })
  .strict();
export type CategorySuggestion = z.infer<typeof CategorySuggestion>;

export const ExecutorSuggestion = z.object({ id: ReferenceId, confidence: Confidence }).strict();
export type ExecutorSuggestion = z.infer<typeof ExecutorSuggestion>;

/** Why there are no suggestions at all: the model file is absent, or it cannot be read as a model. */
export const SuggestUnavailableReason = z.enum(['missing', 'corrupt']);
export type SuggestUnavailableReason = z.infer<typeof SuggestUnavailableReason>;

export const SuggestAnswer = z.discriminatedUnion('model', [
  z
    .object({
      model: z.literal('ready'),
      /** Most likely first; empty when the text holds nothing the model knows. */
      categories: z.array(CategorySuggestion).max(10),
      executors: z.array(ExecutorSuggestion).max(10),
    })
    .strict(),
  z
    .object({
      model: z.literal('unavailable'),
      reason: SuggestUnavailableReason,
      /** For the log and a tooltip: which file and what is wrong with it (no personal data). */
      message: z.string().max(500),
    })
    .strict(),
]);
export type SuggestAnswer = z.infer<typeof SuggestAnswer>;
