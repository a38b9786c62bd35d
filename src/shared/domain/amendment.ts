// Correcting and supplementing a registered appeal (issue 12, item 4). A typo is corrected only
// before the appeal is assigned: after that the executor works from what it received, and what the
// citizen adds later is a supplement beside the original words, never an edit of them. A new phone
// can be added until the appeal is closed, so the callback reaches the citizen.
import { z } from 'zod';
import type { Role } from '../sync/auth';
import { Address, AppealType, LIMITS, Phone, type Appeal } from './appeal';
import { StorableLine, StorableText } from './storable';

export const AppealCorrections = z
  .object({
    type: AppealType,
    fullName: StorableLine.trim().min(1).max(LIMITS.fullName),
    address: Address,
    essence: StorableText.trim().min(1).max(LIMITS.essence),
    categoryId: StorableLine.trim().min(1).max(64),
  })
  .partial()
  .strict();
export type AppealCorrections = z.infer<typeof AppealCorrections>;

export const AppealAmendment = z
  .object({
    supplement: StorableText.trim().min(1).max(LIMITS.essence).optional(),
    addPhones: z.array(Phone).min(1).max(LIMITS.phonesPerApplicant).optional(),
    corrections: AppealCorrections.optional(),
  })
  .strict()
  .refine((a) => a.supplement !== undefined || a.addPhones !== undefined || a.corrections !== undefined, {
    message: 'Nothing to change',
  });
export type AppealAmendment = z.infer<typeof AppealAmendment>;

/** The center's staff who take calls may amend; an executor answers instead. */
export const AMENDING_ROLES: readonly Role[] = ['operator', 'analyst', 'feedback', 'team_lead', 'admin'];

export const amendmentRefusals = ['forbidden', 'closed', 'already_assigned', 'too_many_phones'] as const;
export type AmendmentRefusal = (typeof amendmentRefusals)[number];

export type AmendmentOutcome =
  | { ok: true; appeal: Appeal; phonesAdded: string[] }
  | { ok: false; code: AmendmentRefusal; message: string };

/** Whether corrections (not only supplements) are still allowed: before the appeal is assigned. */
export const correctable = (appeal: Pick<Appeal, 'status'>): boolean => appeal.status === 'registered';

/**
 * The appeal with `amendment` applied, or why not. Phones already on the appeal are not added
 * twice. The version and `updatedAt` are the storing side's to set.
 */
export function applyAmendment(
  appeal: Appeal,
  amendment: AppealAmendment,
  actor: { id: string; role: Role },
  now: Date,
): AmendmentOutcome {
  if (!AMENDING_ROLES.includes(actor.role))
    return { ok: false, code: 'forbidden', message: `A ${actor.role} may not amend an appeal` };
  if (appeal.status === 'closed')
    return { ok: false, code: 'closed', message: 'A closed appeal cannot be changed; register a new one' };
  const corrections = amendment.corrections ?? {};
  if (Object.keys(corrections).length > 0 && !correctable(appeal))
    return {
      ok: false,
      code: 'already_assigned',
      message: 'The appeal is already with its executor: add a supplement instead of correcting it',
    };
  const phonesAdded = (amendment.addPhones ?? []).filter(
    (p, i, all) => !appeal.applicant.phones.includes(p) && all.indexOf(p) === i,
  );
  const phones = [...appeal.applicant.phones, ...phonesAdded];
  if (phones.length > LIMITS.phonesPerApplicant)
    return {
      ok: false,
      code: 'too_many_phones',
      message: `An applicant has at most ${LIMITS.phonesPerApplicant} phone numbers`,
    };
  const supplements =
    amendment.supplement === undefined
      ? appeal.supplements
      : [...appeal.supplements, { at: now.toISOString(), userId: actor.id, text: amendment.supplement }];
  const next: Appeal = {
    ...appeal,
    ...(corrections.type ? { type: corrections.type } : {}),
    ...(corrections.essence ? { essence: corrections.essence } : {}),
    ...(corrections.categoryId ? { categoryId: corrections.categoryId } : {}),
    applicant: {
      ...appeal.applicant,
      ...(corrections.fullName ? { fullName: corrections.fullName } : {}),
      ...(corrections.address ? { address: corrections.address } : {}),
      phones,
    },
    supplements,
  };
  return { ok: true, appeal: next, phonesAdded };
}
