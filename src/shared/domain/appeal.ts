// The appeal as the Law of Ukraine "On citizens' appeals" (393/96-VR) and Kazakhstan's
// Administrative Procedural Code require it to be captured. Schemas validate every boundary;
// the inferred types are the domain types.
import { z } from 'zod';
import { normalizeAnyPhone } from './phone';
import { isValidIin } from './iin';
import { CalendarDate, Instant, StorableLine, storableText, UNSTORABLE_MESSAGE } from './storable';

export const LIMITS = {
  fullName: 200,
  addressPart: 120,
  essence: 10_000,
  note: 2_000,
  phonesPerApplicant: 5,
  attachments: 20,
  attachmentBytes: 50 * 1024 * 1024,
  signatories: 1_000_000,
  searchQuery: 200,
} as const;

/** Art. 3: the three kinds of appeal. */
export const appealTypes = ['proposal', 'statement', 'complaint'] as const;
export const AppealType = z.enum(appealTypes);
export type AppealType = z.infer<typeof AppealType>;

export const channels = ['phone', 'web', 'email', 'sms', 'social', 'in_person', 'letter'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/**
 * Statutory benefit categories whose holders are handled first: Ukraine's (Art. 20: "war veterans,
 * persons with disabilities ...") and Kazakhstan's (`kz_`, see countryRules.ts). Each rule set
 * offers only its own; both stay valid values so either country's appeals can be stored anywhere.
 * `none` is explicit so the operator is seen to have asked.
 */
/** Ukraine's statutory benefits (Law 393/96-VR Art. 20), in the order the form offers them. */
export const UA_BENEFITS = [
  'none',
  'war_veteran',
  'combatant',
  'person_with_disability',
  'chernobyl_survivor',
  'hero_of_ukraine',
  'large_family',
  'other_statutory',
] as const;
const KZ_ONLY_BENEFITS = [
  'kz_wwii_veteran',
  'kz_equated_veteran',
  'kz_combat_veteran',
  'kz_disability_group_1_2',
  'kz_child_with_disability',
  'kz_mother_of_many',
  'kz_large_family',
  'kz_semipalatinsk',
] as const;
/** Kazakhstan's (countryRules.ts names the laws), in the order the form offers them. */
export const KZ_BENEFITS = ['none', ...KZ_ONLY_BENEFITS, 'other_statutory'] as const;
export const benefitCategories = [...UA_BENEFITS, ...KZ_ONLY_BENEFITS] as const;
export const BenefitCategory = z.enum(benefitCategories);
export type BenefitCategory = z.infer<typeof BenefitCategory>;

/** Lifecycle as seen in Kyiv 1551: registered -> assigned -> in work -> checks -> closed (or rework). */
export const appealStatuses = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_control_check',
  'awaiting_applicant_check',
  'rework',
  'closed',
] as const;
export const AppealStatus = z.enum(appealStatuses);
export type AppealStatus = z.infer<typeof AppealStatus>;

/** Closing results in the 1551 data. `done`, `explained` and `refused` are decisions on the merits. */
export const closingResults = [
  'done',
  'explained',
  'done_by_applicant',
  'refused',
  'needs_funding',
  'planned',
] as const;
export const ClosingResult = z.enum(closingResults);
export type ClosingResult = z.infer<typeof ClosingResult>;

// Every text field refuses what no store can keep (NUL, controls, broken characters): one such
// value would otherwise fail the whole transaction it travels in (storable.ts).
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .refine(storableText, { message: UNSTORABLE_MESSAGE });
const requiredText = (max: number, what: string) => text(max).min(1, { message: `${what} is required` });

export const Phone = z
  .string()
  .max(40, { message: 'A phone number is at most 40 characters' })
  .transform((raw, ctx) => {
    const e164 = normalizeAnyPhone(raw);
    if (!e164) {
      ctx.addIssue({
        code: 'custom',
        message: 'Not a phone number: use +380XXXXXXXXX, 0XXXXXXXXX or +7XXXXXXXXXX',
      });
      return z.NEVER;
    }
    return e164;
  });

export const Address = z.object({
  city: requiredText(LIMITS.addressPart, 'City'),
  district: text(LIMITS.addressPart).default(''),
  street: requiredText(LIMITS.addressPart, 'Street'),
  building: requiredText(20, 'Building number'),
  flat: text(20).default(''),
});
export type Address = z.infer<typeof Address>;

export const Applicant = z.object({
  fullName: requiredText(LIMITS.fullName, 'Full name'),
  phones: z.array(Phone).max(LIMITS.phonesPerApplicant).default([]),
  address: Address,
  email: z.union([z.literal(''), z.email({ message: 'Not an e-mail address' }).max(254)]).default(''),
  iin: z
    .union([
      z.literal(''),
      z.string().refine(isValidIin, { message: 'Not a valid IIN (12 digits, check digit)' }),
    ])
    .default(''),
});
export type Applicant = z.infer<typeof Applicant>;

export const AttachmentMeta = z.object({
  name: requiredText(255, 'File name'),
  mimeType: z
    .string()
    .max(127)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'Not a MIME type' }),
  size: z.number().int().min(0).max(LIMITS.attachmentBytes),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** What the operator submits. Ids, numbers, deadline and status are set by the workstation. */
export const AppealDraft = z.object({
  type: AppealType,
  channel: Channel.default('phone'),
  applicant: Applicant,
  benefit: BenefitCategory.default('none'),
  /** Collective appeal (signed by several citizens): number of signatories, at least 2. */
  signatories: z.number().int().min(2).max(LIMITS.signatories).nullable().default(null),
  categoryId: requiredText(64, 'Category'),
  executorId: requiredText(64, 'Executor'),
  essence: requiredText(LIMITS.essence, 'Essence of the issue'),
  attachments: z.array(AttachmentMeta).max(LIMITS.attachments).default([]),
  consentToPublish: z.boolean().default(false),
  /** Set when the operator registers a repeat knowingly (see repeat.ts). */
  repeatOf: StorableLine.max(64).nullable().default(null),
});
export type AppealDraftInput = z.input<typeof AppealDraft>;
export type AppealDraft = z.output<typeof AppealDraft>;

export const DeadlineRuleId = z.enum([
  'ua_short_15',
  'ua_month',
  'ua_extended_45',
  'kz_15_working',
  'kz_extended',
]);
export type DeadlineRuleId = z.infer<typeof DeadlineRuleId>;

/**
 * What the lifecycle adds to an appeal after registration (lifecycle.ts decides it, the server
 * stores it). A record written before the lifecycle existed reads as never assigned.
 */
export const AppealLifecycle = z.object({
  /** The day it was first routed to an executor (Art. 7: forwarding is allowed within 5 days of it). */
  assignedOn: CalendarDate.nullable().default(null),
  /** Returns for rework, by the control check or by the citizen. */
  reworkRounds: z.number().int().min(0).max(1000).default(0),
  /** Unanswered callbacks since the last answer. */
  callbackAttempts: z.number().int().min(0).max(1000).default(0),
  /** When the next callback is due; null: now (or none pending). */
  nextCallbackAt: Instant.nullable().default(null),
  /** The executor's latest answer: read to the citizen who calls again. */
  answer: z
    .object({
      result: ClosingResult,
      text: text(LIMITS.note),
      at: Instant,
      attachments: z.array(AttachmentMeta).max(LIMITS.attachments).optional(),
    })
    .nullable()
    .default(null),
  /** Why the control check or the citizen sent it back last. */
  returnReason: text(LIMITS.note).nullable().default(null),
  /** An executor's open request for more time, until a dispatcher extends the deadline. */
  extensionRequest: z
    .object({ days: z.number().int().min(1).max(62), reason: text(LIMITS.note), at: Instant })
    .nullable()
    .default(null),
  /** Set once the deadline was extended: the citizen must be told (Art. 20). */
  extendedOn: CalendarDate.nullable().default(null),
});
export type AppealLifecycle = z.infer<typeof AppealLifecycle>;
export const NEW_APPEAL_LIFECYCLE: AppealLifecycle = AppealLifecycle.parse({});

/** Information added after registration (the citizen called again, or wrote). */
export const Supplement = z.object({
  at: Instant,
  userId: StorableLine.max(64),
  text: text(LIMITS.essence),
});
export type Supplement = z.infer<typeof Supplement>;

export const Appeal = AppealDraft.extend({
  id: StorableLine.min(1).max(64),
  /** Shown at once on the workstation; replaced in the UI by `officialNumber` once the server assigns it. */
  provisionalNumber: StorableLine.max(64),
  officialNumber: StorableLine.max(64).nullable(),
  /**
   * The server's signature of (id, officialNumber): a workstation re-sending an appeal after a
   * server restore proves with it that the server gave this number to this appeal (protocol.ts).
   */
  officialNumberProof: z
    .string()
    .regex(/^[\w-]{22}$/)
    .optional(),
  status: AppealStatus,
  result: ClosingResult.nullable(),
  version: z.number().int().min(1).max(2_147_483_647),
  priority: z.boolean(),
  receivedOn: CalendarDate,
  deadlineOn: CalendarDate,
  deadlineRule: DeadlineRuleId,
  createdAt: Instant,
  updatedAt: Instant,
  operatorId: StorableLine.max(64),
  lifecycle: AppealLifecycle.default(NEW_APPEAL_LIFECYCLE),
  supplements: z.array(Supplement).max(100).default([]),
});
export type Appeal = z.infer<typeof Appeal>;

/** The row shape of lists and lookups: enough to recognise an appeal without opening it. */
export const AppealSummary = Appeal.pick({
  id: true,
  provisionalNumber: true,
  officialNumber: true,
  type: true,
  status: true,
  result: true,
  categoryId: true,
  executorId: true,
  receivedOn: true,
  deadlineOn: true,
  priority: true,
  createdAt: true,
  repeatOf: true,
  lifecycle: true,
}).extend({
  applicantName: z.string(),
  phones: z.array(z.string()),
  /** The language-neutral line (see addressLine()): what the server's list and searches carry. */
  addressLine: z.string(),
  /** The parts, so a screen can write the address in its operator's language. */
  address: Address.pick({ city: true, street: true, building: true, flat: true }),
  essencePreview: z.string(),
});
export type AppealSummary = z.infer<typeof AppealSummary>;

/** Art. 8 and its practice: a question answered from reference data is a consultation, not an appeal. */
export const ConsultationDraft = z.object({
  channel: Channel.default('phone'),
  phone: z.union([z.literal(''), Phone]).default(''),
  categoryId: text(64).default(''),
  executorId: text(64).default(''),
  question: requiredText(LIMITS.note, 'Question'),
  answer: requiredText(LIMITS.note, 'Answer given'),
});
export type ConsultationDraftInput = z.input<typeof ConsultationDraft>;
export type ConsultationDraft = z.output<typeof ConsultationDraft>;

export const Consultation = ConsultationDraft.extend({
  id: StorableLine.min(1).max(64),
  createdAt: Instant,
  operatorId: StorableLine.max(64),
});
export type Consultation = z.infer<typeof Consultation>;

/**
 * How the one-line address marks the flat: "кв.", the abbreviation of the flat ("квартира") in the
 * postal addresses of both countries the workstation serves, written in the language addresses
 * are typed in there (Cyrillic, like the street names beside it). Never an English word.
 */
export const FLAT_MARK = 'кв.';

export type AddressParts = Pick<Address, 'city' | 'street' | 'building' | 'flat'>;

export const addressParts = ({ city, street, building, flat }: AddressParts): AddressParts => ({
  city,
  street,
  building,
  flat,
});

/**
 * One line, "Київ, Хрещатик 22, кв. 5": what is stored and shared (summaries, the search index,
 * the server's list preview), the same whatever language an operator reads. A screen writes the
 * flat in its operator's language by passing `flat` (src/renderer/i18n/address.ts).
 */
export function addressLine(
  a: AddressParts,
  flat: (number: string) => string = (n) => `${FLAT_MARK} ${n}`,
): string {
  const head = [a.city, `${a.street} ${a.building}`.trim()].filter(Boolean).join(', ');
  return a.flat ? `${head}, ${flat(a.flat)}` : head;
}

/**
 * Key that identifies a building regardless of how the operator typed it ("вул. Хрещатик, 22"
 * and "Хрещатик 22"), used to find open appeals at the same building.
 */
const STREET_TYPE_WORDS = new Set([
  'вулиця',
  'вул',
  'улица',
  'ул',
  'проспект',
  'просп',
  'пр-т',
  'пр',
  'бульвар',
  'бул',
  'б-р',
  'провулок',
  'пров',
  'переулок',
  'пер',
  'площа',
  'пл',
  'площадь',
  'узвіз',
  'шосе',
  'street',
  'st',
  'avenue',
  'ave',
  'көшесі',
  'даңғылы',
  'м',
  'місто',
  'город',
  'г',
]);

function foldWords(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’'`ʼ"«»”“]/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '' && !STREET_TYPE_WORDS.has(w));
}

/**
 * Key that identifies a building regardless of how the operator typed it ("вул. Хрещатик, 22"
 * and "Хрещатик 22"), used to find open appeals at the same building.
 */
export function buildingKey(a: Pick<Address, 'city' | 'street' | 'building'>): string {
  return [foldWords(a.city).join(' '), foldWords(a.street).join(' '), foldBuilding(a.building)].join('|');
}

/** "22 А" and "22-а" are one building; "22/1" and "221" are two, so digit groups keep a separator. */
function foldBuilding(building: string): string {
  return foldWords(building)
    .flatMap((w) => w.split('-').filter(Boolean))
    .reduce((key, part) => (/\d$/.test(key) && /^\d/.test(part) ? `${key}/${part}` : key + part), '');
}
