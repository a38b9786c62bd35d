// What the form asks the model: the essence (cut where the model stops reading), the district and
// the chosen category. The key names a query, so the same form never asks twice.
import { SUGGEST_TEXT_CHARS, type SuggestQueryInput } from '../../../shared/ipc/suggest';
import type { DraftForm } from '../intake/draftForm';

/** The query for this form, or null when there is nothing to suggest from. */
export function suggestQueryOf(form: DraftForm): SuggestQueryInput | null {
  const text = form.essence.trim().slice(0, SUGGEST_TEXT_CHARS);
  const district = form.address.district.trim();
  if (text === '' && form.categoryId === null) return null;
  return {
    text,
    ...(district !== '' ? { district } : {}),
    ...(form.categoryId !== null ? { categoryId: form.categoryId } : {}),
  };
}

export const queryKey = (query: SuggestQueryInput | null): string | null =>
  query === null ? null : JSON.stringify([query.text, query.district ?? '', query.categoryId ?? '']);
