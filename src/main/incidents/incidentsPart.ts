// Puts the incidents feature together once the service context exists: the holder the live channel
// feeds (created with telephony), the links waiting for their appeal's push, and what keeps both
// current: every welcome of the live channel re-reads the open incidents, sync's progress retries
// the waiting links, and another account signing in drops them (they were the last one's).
import type { ServiceContext } from '../core/context';
import type { IncidentsHolder } from './incidentsHolder';
import { attemptLink, refreshOpenIncidents } from './incidentsService';
import { createPendingLinks, type PendingLinks } from './pendingLinks';

export interface IncidentsPart {
  holder: IncidentsHolder;
  links: PendingLinks;
  dispose(): void;
}

export function startIncidents(
  ctx: ServiceContext,
  holder: IncidentsHolder,
  options: { retryMs?: number } = {},
): IncidentsPart {
  const links = createPendingLinks({ attempt: (link) => attemptLink(ctx, link), retryMs: options.retryMs });
  const userOf = () => {
    const who = ctx.signer();
    return who.kind === 'signed_in' ? who.user.id : null;
  };
  let user = userOf();
  const stopWelcome = holder.onWelcomed(() => {
    void refreshOpenIncidents(ctx, holder);
    links.kick();
  });
  const stopEvents = ctx.events.on((event) => {
    switch (event) {
      case 'sync:changed':
      case 'appeals:changed':
        links.kick();
        return;
      case 'auth:changed': {
        const next = userOf();
        if (next !== user) links.clear();
        user = next;
        return;
      }
      default:
        return;
    }
  });
  return {
    holder,
    links,
    dispose() {
      stopWelcome();
      stopEvents();
      links.dispose();
    },
  };
}
