// What the server checks of a mutation's envelope before its content (src/server/sync/pushEnvelope.ts).
import type { Mutation } from '../../../src/shared/sync/protocol';

/**
 * A create names its record twice (entityId and payload.id) and the two must agree; a lifecycle
 * step or an amendment names the appeal by entityId alone.
 */
export const namesItsEntity = (m: Mutation): boolean =>
  m.type === 'appeal.transition' || m.type === 'appeal.amend' || m.payload.id === m.entityId;
