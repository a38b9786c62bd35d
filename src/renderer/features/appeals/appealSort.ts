// Sorting the rows the list has loaded. The server sends them newest first (its keyset order);
// another order applies to what is loaded, which the list says when more pages remain.
import { appealStatuses, appealTypes, type AppealSummary } from '../../../shared/domain';
import type { AppealSort, AppealSortKey } from './appealsSlice';

/** What a column shows, as text: names the screen resolves (category, executor, address). */
export type ColumnText = (a: AppealSummary, key: 'category' | 'executor' | 'address') => string;

function sortValue(a: AppealSummary, by: AppealSortKey, text: ColumnText): string | number {
  switch (by) {
    case 'number':
      return a.officialNumber ?? a.provisionalNumber;
    case 'received':
      // Same day: the one created later is the newer.
      return `${a.receivedOn} ${a.createdAt}`;
    case 'type':
      return appealTypes.indexOf(a.type);
    case 'applicant':
      return a.applicantName;
    case 'status':
      // The lifecycle's order, not the alphabet of one language.
      return appealStatuses.indexOf(a.status);
    case 'deadline':
      return a.deadlineOn;
    case 'category':
    case 'executor':
    case 'address':
      return text(a, by);
    default: {
      const never: never = by;
      throw new Error(`unknown sort key ${String(never)}`);
    }
  }
}

export function sortAppeals(
  rows: readonly AppealSummary[],
  sort: AppealSort,
  text: ColumnText,
  locale: string,
): AppealSummary[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = rows.map((a, i) => ({ a, i, v: sortValue(a, sort.by, text) }));
  keyed.sort((x, y) => {
    const c =
      typeof x.v === 'number' && typeof y.v === 'number'
        ? x.v - y.v
        : collator.compare(String(x.v), String(y.v));
    // Ties keep the server's order.
    return c !== 0 ? sign * c : x.i - y.i;
  });
  return keyed.map((k) => k.a);
}
