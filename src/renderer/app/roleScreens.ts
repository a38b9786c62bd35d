// Which screens each role works with (issue 12): its home first (HOME_OF in shared/domain/worklists),
// then what it also needs. Only the roles that take citizens' calls get the intake form with its
// call script and caller panel, so nobody greets a caller with a role they do not have; an executor
// organisation sees neither calls nor consultations, only the appeals assigned to it.
import type { Role } from '../../shared/sync/auth';
import type { View } from './navigationSlice';

export const VIEWS_OF: Record<Role, readonly View[]> = {
  operator: ['intake', 'worklists', 'appeals', 'consultations'],
  feedback: ['worklists', 'intake', 'appeals', 'consultations'],
  analyst: ['worklists', 'appeals'],
  executor: ['worklists', 'appeals'],
  team_lead: ['cockpit', 'backlog', 'worklists', 'appeals', 'consultations'],
  admin: ['cockpit', 'backlog', 'worklists', 'appeals', 'consultations'],
};

/** Roles that answer and place calls to citizens: the intake script greets callers in their name. */
export const CALL_TAKING_ROLES: readonly Role[] = ['operator', 'feedback'];

/**
 * Roles with a phone line (the server issues SIP credentials to these only): the agents who take
 * hotline calls, the feedback operators who call citizens back, and the team lead who takes over a
 * call. Null (nobody known yet, or the workstation alone) keeps the line of the operator.
 */
const SOFTPHONE_ROLES: readonly Role[] = ['operator', 'feedback', 'team_lead'];
export const hasSoftphone = (role: Role | null): boolean => role === null || SOFTPHONE_ROLES.includes(role);
