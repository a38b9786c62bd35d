// The executor directory with the contacts the center keeps on the server (issue 12, item 2): the
// shipped reference data, overlaid with the server's contacts when online, else with the last ones
// fetched. An admin edits contacts on the server only (online), so every workstation gets the same.
import { z } from 'zod';
import type { ExecutorContacts } from '../../shared/domain/reference';
import { type Executor, type ExecutorDirectory } from '../../shared/domain/reference';
import { assertNever, fail, ok, type Result } from '../../shared/result';
import type { ServiceContext } from '../core/context';
import type { ServerOutcome } from '../core/serverApi';
import { readContacts, saveContacts } from './executorsRepo';

export const EXECUTOR_PATHS = {
  list: '/api/v1/executors',
  contacts: (id: string) => `/api/v1/executors/${encodeURIComponent(id)}/contacts`,
} as const;

export const EXECUTOR_MESSAGES = {
  adminsOnly: 'Only an administrator edits executor contacts',
  noServer: 'Executor contacts are kept on the central server, and none is configured',
  offline: 'The server cannot be reached: executor contacts are edited online only',
} as const;

/** How long fetched contacts are fresh enough not to ask the server again. */
const REFRESH_AFTER_MS = 60_000;

const ServerContact = z.object({
  id: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
});
const ServerDirectory = z.object({ executors: z.array(ServerContact) });

const withContacts = (e: Executor, c: ExecutorContacts | undefined): Executor =>
  c ? { ...e, phone: c.phone, address: c.address, hours: c.hours } : e;

export interface ExecutorsService {
  directory(): Promise<Result<ExecutorDirectory>>;
  updateContacts(id: string, contacts: ExecutorContacts): Promise<Result<Executor>>;
}

export function createExecutorsService(ctx: ServiceContext): ExecutorsService {
  let fetchedAt = Number.NEGATIVE_INFINITY;

  const overlaid = (): ExecutorDirectory => {
    const contacts = readContacts(ctx.db);
    if (contacts.size === 0) return ctx.reference.executors;
    return {
      ...ctx.reference.executors,
      executors: ctx.reference.executors.executors.map((e) => withContacts(e, contacts.get(e.id))),
    };
  };

  async function refresh(): Promise<void> {
    const server = ctx.server;
    if (server === null || !server.online() || Date.now() - fetchedAt < REFRESH_AFTER_MS) return;
    const outcome = await server.request('GET', EXECUTOR_PATHS.list);
    if (outcome.kind !== 'ok') return;
    const parsed = ServerDirectory.safeParse(outcome.body);
    if (!parsed.success) return;
    fetchedAt = Date.now();
    const known = ctx.reference.executorById;
    const entries = parsed.data.executors
      .filter((e) => known.has(e.id))
      .map(({ id, phone, address, hours }) => ({ id, contacts: { phone, address, hours } }));
    ctx.write(() => saveContacts(ctx.db, entries, ctx.clock().toISOString()));
  }

  return {
    async directory() {
      await refresh();
      return ok(overlaid());
    },
    async updateContacts(id, contacts) {
      const who = ctx.signer();
      if (who.kind === 'no_server') return fail('forbidden', EXECUTOR_MESSAGES.noServer);
      if (who.kind === 'signed_out') return fail('unauthorized', 'Sign in first');
      if (who.user.role !== 'admin') return fail('forbidden', EXECUTOR_MESSAGES.adminsOnly);
      const executor = ctx.reference.executorById.get(id);
      if (!executor) return fail('not_found', `No executor "${id}"`);
      if (ctx.server === null) return fail('forbidden', EXECUTOR_MESSAGES.noServer);
      const outcome = await ctx.server.request('PUT', EXECUTOR_PATHS.contacts(id), contacts);
      const saved = savedContacts(outcome);
      if (!saved.ok) return saved;
      ctx.write(() => saveContacts(ctx.db, [{ id, contacts: saved.value }], ctx.clock().toISOString()));
      return ok(withContacts(executor, saved.value));
    },
  };
}

function savedContacts(outcome: ServerOutcome): Result<ExecutorContacts> {
  switch (outcome.kind) {
    case 'ok': {
      const parsed = ServerContact.safeParse(outcome.body);
      if (!parsed.success) return fail('internal', 'The server answered the edit in an unknown shape');
      const { phone, address, hours } = parsed.data;
      return ok({ phone, address, hours });
    }
    case 'unreachable':
      return fail('conflict', EXECUTOR_MESSAGES.offline, [
        { path: '', code: 'offline', message: EXECUTOR_MESSAGES.offline },
      ]);
    case 'signed_out':
      return fail('unauthorized', 'The session ended: sign in again');
    case 'client_error':
      if (outcome.status === 404) return fail('not_found', outcome.message);
      if (outcome.status === 403) return fail('forbidden', outcome.message);
      if (outcome.status === 401) return fail('unauthorized', outcome.message);
      return fail('invalid_input', outcome.message);
    default:
      return assertNever(outcome, 'server outcome');
  }
}
