// Addresses as the operator reads them: the parts the citizen gave, with the flat written in the
// operator's language ("кв. 40", "40-пәтер", "flat 40"). The line stored and shared is language-
// neutral (addressLine() in src/shared/domain/appeal.ts); this is only how a screen shows it.
import { addressLine, type AddressParts } from '../../shared/domain/appeal';
import type { Translate } from './translate';

export const formatAddress = (a: AddressParts, t: Translate): string =>
  addressLine(a, (flat) => t('address.flat', { flat }));
