// The list row of an appeal, and the shape repeat detection compares.
import { addressLine, addressParts, type Appeal, type AppealSummary } from './appeal';
import type { RepeatCandidate } from './repeat';

export const ESSENCE_PREVIEW_CHARS = 160;

export function essencePreview(essence: string): string {
  const flat = essence.replace(/\s+/g, ' ').trim();
  if (flat.length <= ESSENCE_PREVIEW_CHARS) return flat;
  const cut = flat.slice(0, ESSENCE_PREVIEW_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > ESSENCE_PREVIEW_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function toSummary(a: Appeal): AppealSummary {
  return {
    id: a.id,
    provisionalNumber: a.provisionalNumber,
    officialNumber: a.officialNumber,
    type: a.type,
    status: a.status,
    result: a.result,
    categoryId: a.categoryId,
    executorId: a.executorId,
    receivedOn: a.receivedOn,
    deadlineOn: a.deadlineOn,
    priority: a.priority,
    createdAt: a.createdAt,
    repeatOf: a.repeatOf,
    lifecycle: a.lifecycle,
    applicantName: a.applicant.fullName,
    phones: a.applicant.phones,
    addressLine: addressLine(a.applicant.address),
    address: addressParts(a.applicant.address),
    essencePreview: essencePreview(a.essence),
  };
}

export function toRepeatCandidate(a: Appeal): RepeatCandidate {
  return {
    id: a.id,
    number: a.officialNumber ?? a.provisionalNumber,
    applicantName: a.applicant.fullName,
    phones: a.applicant.phones,
    iin: a.applicant.iin,
    address: a.applicant.address,
    categoryId: a.categoryId,
    status: a.status,
    result: a.result,
    receivedOn: a.receivedOn,
  };
}
