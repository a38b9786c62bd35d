// Who makes a change, and whether they may. Every queued change names its author, the signed-in
// user, and is pushed only under that user's sign-in (src/main/sync/syncCycle.ts). A change the
// user's role may not make is refused here, at once: the server would reject it `forbidden`, long
// after the operator had told the caller it was registered.
import { assertNever, fail, ok, type Result } from '../../shared/result';
import type { SessionUser } from '../../shared/sync/auth';
import { MUTATION_ROLES, type MutationType } from '../../shared/sync/protocol';

/** Who is at the workstation: a signed-in user, nobody yet, or no server at all (nobody signs in). */
export type Signer =
  { kind: 'signed_in'; user: SessionUser } | { kind: 'signed_out' } | { kind: 'no_server' };

export const AUTHORSHIP_MESSAGES = {
  signedOut: 'Sign in first: every change is recorded under the account that made it',
  forbidden: {
    'appeal.create': 'Your role cannot register appeals',
    'appeal.transition': 'Your role cannot move appeals through their lifecycle',
    'appeal.amend': 'Your role cannot correct or supplement appeals',
    'consultation.create': 'Your role cannot record consultations',
    'call.upsert': 'Your role cannot record calls',
  } satisfies Record<MutationType, string>,
} as const;

/**
 * The author to queue a change of this kind under. null only on a workstation without a server:
 * those changes go with the first user allowed to make them who signs in, should a server be
 * configured later (as changes queued before authors were recorded do).
 */
export function authorFor(who: Signer, type: MutationType): Result<string | null> {
  switch (who.kind) {
    case 'no_server':
      return ok(null);
    case 'signed_out':
      return fail('unauthorized', AUTHORSHIP_MESSAGES.signedOut);
    case 'signed_in':
      return MUTATION_ROLES[type].includes(who.user.role)
        ? ok(who.user.id)
        : fail('forbidden', AUTHORSHIP_MESSAGES.forbidden[type]);
    default:
      return assertNever(who, 'signer');
  }
}
