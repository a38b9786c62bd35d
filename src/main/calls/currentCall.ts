// The call the softphone is on (or wrapping up), as main sees it from the records the softphone
// saves: what is registered meanwhile is linked to it here, so the renderer never has to find out
// whether a saved appeal was its own.
import type { AgentState } from '../../shared/softphone/agent';
import type { CallRecord, CallReport } from '../../shared/softphone/calls';
import { callToLink, withLink, type LinkKind } from '../../shared/softphone/callLinks';
import type { Result } from '../../shared/result';
import { getCall } from './callsRepo';
import { saveCall, type CallsContext } from './callsService';

/** Links a record just registered to the current call; returns that call's id, or null for none. */
export type LinkToCall = (kind: LinkKind, id: string) => string | null;

export interface CurrentCall {
  /** calls:save: the record saved, and remembered as current when it is the newest call. */
  save(call: CallReport): Result<CallRecord>;
  link: LinkToCall;
}

/**
 * Held in memory: after a restart the agent is offline and no call is going on. The newest call is
 * the one that rang last, so a late save of a call it replaced (an attended transfer) does not
 * take its place.
 */
export function createCurrentCall(ctx: CallsContext, agentState: () => AgentState): CurrentCall {
  let latest: { id: string; ringAt: number } | null = null;
  return {
    save(call) {
      const saved = saveCall(ctx, call);
      const ringAt = Date.parse(call.ringAt);
      if (saved.ok && (latest === null || latest.id === call.id || ringAt >= latest.ringAt))
        latest = { id: call.id, ringAt };
      return saved;
    },
    link(kind, id) {
      const call = callToLink(latest && getCall(ctx.db, latest.id), agentState());
      if (!call) return null;
      const linked = withLink(call, kind, id);
      if (!linked)
        return (kind === 'appeal' ? call.appealIds : call.consultationIds).includes(id) ? call.id : null;
      // Signed out meanwhile or the store failed: the record stays registered, unlinked, as when
      // the renderer's save of a link failed.
      return saveCall(ctx, linked).ok ? call.id : null;
    },
  };
}

/** Without a softphone (tests, tools): nothing to link to. */
export const noCall: LinkToCall = () => null;
