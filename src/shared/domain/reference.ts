// Reference data: the classifier of question types and the executor directory. Built by
// scripts/buildReferenceData.ts from the public Kyiv 1551 data, shipped in resources/reference,
// validated when loaded.
import { z } from 'zod';
import { I18nText } from './i18nText';

export const ClassifierGroup = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  name: I18nText,
});
export type ClassifierGroup = z.infer<typeof ClassifierGroup>;

export const QuestionType = z.object({
  id: z.string().min(1),
  groupId: z.string().min(1),
  /** The type's name as the 1551 classifier writes it (Ukrainian). */
  name: z.string().min(1),
  defaultExecutorId: z.string().nullable(),
  /** `short`: answerable without extra study (15 days); `standard`: up to one month. */
  term: z.enum(['short', 'standard']),
  /** How many appeals of this type the source data holds: orders suggestions. */
  frequency: z.number().int().min(0),
});
export type QuestionType = z.infer<typeof QuestionType>;

export const Classifier = z.object({
  version: z.string(),
  source: z.string(),
  groups: z.array(ClassifierGroup),
  types: z.array(QuestionType),
});
export type Classifier = z.infer<typeof Classifier>;

export const Executor = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Contact details are not in the public data set; a center fills them in its overlay file. */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  /** Question types this executor handled in the source data, most frequent first. */
  typeIds: z.array(z.string()),
});
export type Executor = z.infer<typeof Executor>;

export const ExecutorDirectory = z.object({
  version: z.string(),
  source: z.string(),
  executors: z.array(Executor),
});
export type ExecutorDirectory = z.infer<typeof ExecutorDirectory>;

/** What an admin edits of an executor: how the center reaches it (the consultations directory shows it). */
export const ExecutorContacts = z
  .object({
    phone: z.string().trim().max(40).nullable(),
    address: z.string().trim().max(300).nullable(),
    hours: z.string().trim().max(200).nullable(),
  })
  .strict();
export type ExecutorContacts = z.infer<typeof ExecutorContacts>;
