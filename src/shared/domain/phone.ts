// Phone numbers are stored in E.164 (`+380441234567`) so that one caller's number written
// three different ways by three operators still finds the same history.
export type CountryCode = 'UA' | 'KZ';

const E164 = /^\+[1-9]\d{7,14}$/;

/** Returns the number in E.164, or null when it cannot be a phone number. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'UA'): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || /[^\d\s()+\-.]/.test(trimmed)) return null;
  const plus = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (plus) return checkNational(digits);
  if (defaultCountry === 'UA') {
    // 0XX XXX XX XX (national), 380XXXXXXXXX (without the plus), 80XXXXXXXXX (old long-distance prefix).
    if (digits.length === 10 && digits.startsWith('0')) return checkNational(`38${digits}`);
    if (digits.length === 12 && digits.startsWith('380')) return checkNational(digits);
    if (digits.length === 11 && digits.startsWith('80')) return checkNational(`3${digits}`);
    return null;
  }
  // Kazakhstan: 8 7XX XXX XX XX (national trunk prefix 8), 7 7XX ... or 10 digits without a prefix.
  // Kazakh area and mobile codes start with 7 (or 6), so "87..." never collides with Ukraine's "80...".
  if (digits.length === 11 && /^[78][67]/.test(digits)) {
    return checkNational(`7${digits.slice(1)}`);
  }
  if (digits.length === 10 && (digits.startsWith('7') || digits.startsWith('6')))
    return checkNational(`7${digits}`);
  return null;
}

/**
 * Accepts the national formats of every supported country. They cannot be confused: Ukrainian
 * national numbers start with 0 (or 80, 380), Kazakh ones with 7 or 6 (or 87, 77). So a caller's
 * number typed either way normalises the same at any center.
 */
export function normalizeAnyPhone(raw: string): string | null {
  return normalizePhone(raw, 'UA') ?? normalizePhone(raw, 'KZ');
}

function checkNational(digits: string): string | null {
  const e164 = `+${digits}`;
  if (!E164.test(e164)) return null;
  if (digits.startsWith('380') && digits.length !== 12) return null;
  if (digits.startsWith('7') && digits.length !== 11) return null;
  return e164;
}

/** `+380441234567` -> `+380 44 123 45 67` for display; other numbers are returned as they are. */
export function formatPhone(e164: string): string {
  const ua = /^\+380(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (ua) return `+380 ${ua[1]} ${ua[2]} ${ua[3]} ${ua[4]}`;
  const kz = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (kz) return `+7 ${kz[1]} ${kz[2]} ${kz[3]} ${kz[4]}`;
  return e164;
}
