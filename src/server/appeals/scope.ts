// Whose appeals a signed-in user may see and change: the center's staff every appeal, an executor
// account only those assigned to its organisation.
import type { FastifyRequest } from 'fastify';

/** The organisation an executor account is confined to; null for the center's staff. */
export const organisationOf = (request: FastifyRequest): string | null =>
  request.user.role === 'executor' ? (request.user.organisationId ?? '') : null;
