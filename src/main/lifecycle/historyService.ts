// An appeal's history (who changed what, when, from which workstation) is the server's: it is asked
// each time. Offline or without a server the history is incomplete (empty here); the screen shows
// the changes still waiting on this workstation beside it (appeals:state).
import { z } from 'zod';
import { AppealHistory, HistoryEntry } from '../../shared/domain/appealHistory';
import { fail, ok, type Result } from '../../shared/result';
import { assertNever } from '../../shared/result';
import type { ServiceContext } from '../core/context';

const INCOMPLETE: AppealHistory = { complete: false, entries: [] };

/** The server's answer: the history itself, or its entries alone. */
const HistoryAnswer = z.union([AppealHistory, z.object({ entries: z.array(HistoryEntry) })]);

export async function appealHistory(ctx: ServiceContext, id: string): Promise<Result<AppealHistory>> {
  if (ctx.server === null) return ok(INCOMPLETE);
  const outcome = await ctx.server.request('GET', `/api/v1/appeals/${encodeURIComponent(id)}/history`);
  switch (outcome.kind) {
    case 'unreachable':
    case 'signed_out':
      return ok(INCOMPLETE);
    case 'client_error':
      // Registered here and not on the server yet: nothing to tell beyond what waits locally.
      if (outcome.status === 404) return ok(INCOMPLETE);
      if (outcome.status === 403) return fail('forbidden', outcome.message);
      return fail('internal', `The server refused the history (HTTP ${outcome.status} ${outcome.code})`);
    case 'ok': {
      const parsed = HistoryAnswer.safeParse(outcome.body);
      if (!parsed.success) return fail('internal', 'The server answered the history in an unknown shape');
      return ok({ complete: true, entries: parsed.data.entries });
    }
    default:
      return assertNever(outcome, 'server outcome');
  }
}
