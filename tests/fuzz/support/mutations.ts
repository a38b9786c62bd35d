// What the server checks of a mutation's envelope before its content (src/server/sync/pushEnvelope.ts).
import { PushEnvelope } from '../../../src/server/sync/pushEnvelope';
import type { Mutation } from '../../../src/shared/sync/protocol';

/**
 * A create names its record twice (entityId and payload.id) and the two must agree; a lifecycle
 * step or an amendment names the appeal by entityId alone.
 */
export const namesItsEntity = (m: Mutation): boolean =>
  m.type === 'appeal.transition' || m.type === 'appeal.amend' || m.payload.id === m.entityId;

/**
 * Why the server refuses this body as a whole, before any mutation is looked at: a shape its
 * envelope refuses, nesting deeper than the JSON parser takes (jsonBody.ts), or keys that poison
 * prototypes (Fastify's parser refuses them). Null when the batch reaches the mutations.
 */
export function refusedWhole(body: unknown): string | null {
  if (depthOf(body) > MAX_BODY_DEPTH) return 'the body nests too deep';
  if (poisonsPrototypes(body)) return 'a __proto__ or constructor.prototype key';
  if (!PushEnvelope.safeParse(body).success) return 'a hostile value broke the envelope';
  return null;
}

/** The server's JSON body depth limit (src/server/jsonBody.ts): no request of the API nests deeper. */
const MAX_BODY_DEPTH = 32;

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((deepest, v) => Math.max(deepest, depthOf(v)), 0);
}

function poisonsPrototypes(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(poisonsPrototypes);
  if (value === null || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__') return true;
    if (k === 'constructor' && v !== null && typeof v === 'object' && 'prototype' in v) return true;
    if (poisonsPrototypes(v)) return true;
  }
  return false;
}
