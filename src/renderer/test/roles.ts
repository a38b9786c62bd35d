// Signed-in sessions of each role for UI tests, and dates counted from the real today (the screens
// mark deadlines against the center's clock, not the fake's).
import { addDays, localDateOf, type LocalDate } from '../../shared/domain/localDate';
import type { AuthSession } from '../../shared/ipc/contract';
import type { Role } from '../../shared/sync/auth';
import type { FakeServerOptions } from './fakeApi';

export const NAMES: Record<Role, string> = {
  operator: 'Olena Operator',
  analyst: 'Andrii Analyst',
  feedback: 'Fedir Feedback',
  team_lead: 'Tetiana Lead',
  admin: 'Anna Admin',
  executor: 'Teplo Desk',
};

export function sessionOf(role: Role, organisationId?: string): AuthSession {
  return {
    serverConfigured: true,
    user: {
      id: `u-${role}`,
      username: role,
      name: NAMES[role],
      role,
      ...(organisationId ? { organisationId } : {}),
    },
    mode: 'online',
    message: null,
  };
}

/** A reachable server with `role` signed in (an executor account belongs to `organisationId`). */
export const serverAs = (
  role: Role,
  organisationId?: string,
  extra: FakeServerOptions = {},
): FakeServerOptions => ({
  session: sessionOf(role, organisationId),
  sync: { online: true },
  ...extra,
});

/** Today in Kyiv, as the screens count it. */
export const kyivToday = (): LocalDate => localDateOf(new Date(), 'Europe/Kyiv');
export const daysFromToday = (n: number): LocalDate => addDays(kyivToday(), n);
