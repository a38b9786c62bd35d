// What the intake form edits: plain strings as typed, turned into the contract's `AppealDraft`
// input only when checked or saved, so half-typed values never fight the operator.
import type { AppealDraftInput, AppealType, BenefitCategory, Channel } from '../../../shared/domain';
import type { RuleSetId } from '../../../shared/domain/deadlines';
import { assertNever } from '../../../shared/result';

export interface AddressForm {
  city: string;
  district: string;
  street: string;
  building: string;
  flat: string;
}

export interface DraftForm {
  type: AppealType | null;
  channel: Channel;
  fullName: string;
  /** At least one entry: the caller's number goes first. */
  phones: string[];
  address: AddressForm;
  email: string;
  iin: string;
  benefit: BenefitCategory;
  collective: boolean;
  signatories: string;
  essence: string;
  categoryId: string | null;
  executorId: string | null;
  consentToPublish: boolean;
  repeatOf: string | null;
}

export type AddressPart = keyof AddressForm;
export type TextFieldKey = 'fullName' | 'email' | 'iin' | 'essence' | 'signatories' | AddressPart;

/** Dotted paths as `FieldIssue.path` names them. */
export const textFieldPath: Record<TextFieldKey, string> = {
  fullName: 'applicant.fullName',
  email: 'applicant.email',
  iin: 'applicant.iin',
  essence: 'essence',
  signatories: 'signatories',
  city: 'applicant.address.city',
  district: 'applicant.address.district',
  street: 'applicant.address.street',
  building: 'applicant.address.building',
  flat: 'applicant.address.flat',
};

export const phonePath = (index: number) => `applicant.phones.${index}`;

/** DOM id of the control that edits a path, so the first invalid field can be focused. */
export const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;

export function emptyForm(city: string): DraftForm {
  return {
    type: null,
    channel: 'phone',
    fullName: '',
    phones: [''],
    address: { city, district: '', street: '', building: '', flat: '' },
    email: '',
    iin: '',
    benefit: 'none',
    collective: false,
    signatories: '',
    essence: '',
    categoryId: null,
    executorId: null,
    consentToPublish: false,
    repeatOf: null,
  };
}

/** Plain data built in the same key order: JSON comparison is exact here. */
const sameForm = (a: DraftForm, b: DraftForm) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether the form holds anything the operator typed or chose: a new form, with at most the
 * caller's number the app filled in (`callerPhone`), holds nothing of theirs.
 */
export function hasTypedWork(form: DraftForm, city: string, callerPhone: string | null): boolean {
  const untouched = emptyForm(city);
  if (sameForm(form, untouched)) return false;
  if (callerPhone === null) return true;
  return !sameForm(form, { ...untouched, phones: [callerPhone] });
}

export function toDraftInput(form: DraftForm, ruleSet: RuleSetId): AppealDraftInput {
  const count = form.signatories.trim();
  return {
    // A missing type stays missing so the check reports it as required.
    type: form.type ?? (undefined as unknown as AppealType),
    channel: form.channel,
    applicant: {
      fullName: form.fullName,
      phones: form.phones.filter((p) => p.trim() !== ''),
      address: { ...form.address },
      email: form.email.trim(),
      // The IIN is part of the applicant's data only under Kazakhstan's code (APC Art. 63).
      iin: ruleSet === 'kz' ? form.iin.trim() : '',
    },
    benefit: form.benefit,
    signatories: form.collective ? (/^\d+$/.test(count) ? Number(count) : Number.NaN) : null,
    categoryId: form.categoryId ?? '',
    executorId: form.executorId ?? '',
    essence: form.essence,
    consentToPublish: form.consentToPublish,
    repeatOf: form.repeatOf,
  };
}

/** A phone that has been left blank in the middle of the list must still map to its own field. */
export function phoneIssueIndex(form: DraftForm, issuePath: string): number | null {
  const m = /^applicant\.phones\.(\d+)$/.exec(issuePath);
  if (!m) return null;
  const nth = Number(m[1]);
  let seen = -1;
  for (let i = 0; i < form.phones.length; i++) {
    if (form.phones[i]!.trim() === '') continue;
    seen += 1;
    if (seen === nth) return i;
  }
  return null;
}

export function textFieldValue(form: DraftForm, field: TextFieldKey): string {
  switch (field) {
    case 'fullName':
    case 'email':
    case 'iin':
    case 'essence':
    case 'signatories':
      return form[field];
    case 'city':
    case 'district':
    case 'street':
    case 'building':
    case 'flat':
      return form.address[field];
    default:
      return assertNever(field, 'text field');
  }
}
