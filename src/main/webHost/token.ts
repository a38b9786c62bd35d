// The per-run secret that lets the page (and nothing else on the machine) use the API. It travels
// in the URL fragment, which browsers never send in HTTP requests, and then in the socket's URL.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

export const newToken = (): string => randomBytes(32).toString('base64url');

export const isWellFormedToken = (token: string): boolean => TOKEN_SHAPE.test(token);

/** Constant time in the content: both sides are hashed to equal lengths before comparing. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
