// How a caller id is shown. Caller ids come from the network: a peer may send control characters
// or Unicode direction overrides that would make a number read differently than it is.
import { formatPhone, normalizePhone, type CountryCode } from '../../../shared/domain/phone';
import { cleanCallerText } from '../../../shared/softphone/calls';
import type { RemoteParty } from '../../softphone/softphone';

export function safeText(text: string, max = 64): string {
  return cleanCallerText(text, max);
}

/** The number as the operator reads it: formatted when it is a phone, else the safe raw text. */
export function displayNumber(number: string, country: CountryCode): string {
  const phone = normalizePhone(number, country);
  return phone ? formatPhone(phone) : safeText(number);
}

export function displayCaller(remote: RemoteParty, country: CountryCode): { number: string; name: string } {
  return { number: displayNumber(remote.number, country), name: safeText(remote.name ?? '', 128) };
}
