// Names of changes and of refusals in the user's language: the codes come from lifecycle.ts,
// amendment.ts and protocol.ts (`stale_version`); a code the screen does not know shows main's words.
import { changeRefusals } from '../../../shared/sync/protocol';
import type { MessageKey } from '../../i18n/dictionary';
import type { Translate } from '../../i18n/translate';
import type { ChangeKind } from './appealStateSlice';

const KNOWN: readonly string[] = changeRefusals;

export const changeName = (t: Translate, kind: ChangeKind): string => t(`action.${kind}` as MessageKey);

export function refusalText(t: Translate, code: string, message: string | null): string {
  if (KNOWN.includes(code)) return t(`refusal.${code}` as MessageKey);
  return t('refusal.other', { message: message ?? code });
}
