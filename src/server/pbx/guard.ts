// The PBX routes' access check: only the PBX token opens them. A user's access token is not a PBX
// token, and the PBX token is not an access token (user routes verify a signature it lacks), so
// neither kind of caller reaches the other's routes.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/authenticate';
import { unauthorized } from '../errors';

// Hashing first gives both sides the same length, so the comparison time says nothing about the
// token's length either.
const digest = (text: string) => createHash('sha256').update(text).digest();

export function matchesPbxToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export function pbxGuard(pbxToken: () => Promise<string>) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!matchesPbxToken(bearerToken(request), await pbxToken())) {
      throw unauthorized('The PBX token is missing or wrong');
    }
  };
}
