// Art. 8 of Law 393/96-VR: "a repeated appeal from the same citizen on the same issue that was
// already resolved on the merits" is not considered. The operator must be warned while the
// caller is on the line; an appeal on the same issue that is still open is not a legal repeat
// but a duplicate the operator should link instead of registering anew.
import { buildingKey, type Address, type AppealStatus, type ClosingResult } from './appeal';
import { normalizePhone } from './phone';

export interface RepeatProbe {
  applicantName: string;
  phones: readonly string[];
  iin: string;
  address: Pick<Address, 'city' | 'street' | 'building'>;
  categoryId: string;
}

/** An earlier appeal as repeat detection compares it: what a probe holds, and which appeal it is. */
export interface RepeatCandidate extends RepeatProbe {
  id: string;
  number: string;
  status: AppealStatus;
  result: ClosingResult | null;
  receivedOn: string;
}

export type RepeatVerdict =
  | { kind: 'none' }
  /** Same applicant, same issue, already decided on the merits: Art. 8 says not to consider it. */
  | { kind: 'resolved_repeat'; previous: RepeatCandidate }
  /** Same applicant, same issue, still being worked on: link to it rather than register twice. */
  | { kind: 'open_duplicate'; previous: RepeatCandidate };

/** Results that are decisions on the merits. `needs_funding` and `planned` leave the issue unresolved. */
const RESOLVED_ON_MERITS: ReadonlySet<ClosingResult> = new Set([
  'done',
  'explained',
  'done_by_applicant',
  'refused',
]);

const foldName = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’'`ʼ]/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/** Same person: the same IIN, or the same name and either a shared phone or the same building. */
export function isSameApplicant(a: RepeatProbe, b: RepeatCandidate): boolean {
  if (a.iin && b.iin) return a.iin === b.iin;
  if (foldName(a.applicantName) !== foldName(b.applicantName)) return false;
  const phonesA = new Set(a.phones.map((p) => normalizePhone(p) ?? p));
  const sharesPhone = b.phones.some((p) => phonesA.has(normalizePhone(p) ?? p));
  return sharesPhone || buildingKey(a.address) === buildingKey(b.address);
}

/** Same issue: the same question type at the same building. */
export function isSameIssue(a: RepeatProbe, b: RepeatCandidate): boolean {
  return a.categoryId === b.categoryId && buildingKey(a.address) === buildingKey(b.address);
}

export function detectRepeat(probe: RepeatProbe, candidates: readonly RepeatCandidate[]): RepeatVerdict {
  const same = candidates
    .filter((c) => isSameApplicant(probe, c) && isSameIssue(probe, c))
    .sort((x, y) => y.receivedOn.localeCompare(x.receivedOn));
  const open = same.find((c) => c.status !== 'closed');
  if (open) return { kind: 'open_duplicate', previous: open };
  const resolved = same.find(
    (c) => c.status === 'closed' && c.result !== null && RESOLVED_ON_MERITS.has(c.result),
  );
  if (resolved) return { kind: 'resolved_repeat', previous: resolved };
  return { kind: 'none' };
}
