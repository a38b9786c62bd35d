// A call script is data (resources/scripts/*.json): the steps an operator walks through on a
// call, what to say at each, which form fields each step fills, and which steps apply to which
// appeal type. The form renders whatever the script says; changing the script needs no code.
import { z } from 'zod';
import { AppealType } from './appeal';
import { I18nText } from './i18nText';

export const scriptFields = [
  'type',
  'channel',
  'applicant.fullName',
  'applicant.phones',
  'applicant.address',
  'applicant.email',
  'applicant.iin',
  'benefit',
  'signatories',
  'essence',
  'categoryId',
  'executorId',
  'consentToPublish',
  'attachments',
] as const;
export const ScriptField = z.enum(scriptFields);
export type ScriptField = z.infer<typeof ScriptField>;

export const ScriptStep = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/),
  title: I18nText,
  /** What the operator says. Placeholders: {operatorName}, {center}, {registrationNumber}, {deadline}. */
  say: I18nText,
  /** Hints for the operator, not read aloud. */
  hint: I18nText.optional(),
  fields: z.array(ScriptField),
  /** The step applies only to these appeal types; absent means all. */
  onlyFor: z.array(AppealType).optional(),
  /** The closing step reads back the registration number and deadline once saved. */
  closing: z.boolean().optional(),
});
export type ScriptStep = z.infer<typeof ScriptStep>;

export const CallScript = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    title: I18nText,
    steps: z.array(ScriptStep).min(2),
  })
  .superRefine((script, ctx) => {
    const ids = new Set<string>();
    for (const step of script.steps) {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', message: `Duplicate step id: ${step.id}` });
      ids.add(step.id);
    }
    if (!script.steps.at(-1)?.closing)
      ctx.addIssue({ code: 'custom', message: 'The last step must be the closing' });
  });
export type CallScript = z.infer<typeof CallScript>;

/** The steps an operator sees for a given appeal type, in order. */
export function stepsFor(script: CallScript, type: AppealType | null): ScriptStep[] {
  return script.steps.filter((s) => !s.onlyFor || (type !== null && s.onlyFor.includes(type)));
}

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}(\.?)/g, (whole, key: string, stop: string) => {
    const value = values[key];
    if (value === undefined) return whole;
    // A value that ends a sentence itself ("7 грудня 2026 р.") takes the script's full stop.
    return value.endsWith('.') ? value : value + stop;
  });
}
