// Puts the incidents feature together once the service context exists: the holder the live channel
// feeds (created with telephony), the links waiting for their appeal's push, and what keeps both
// current: every welcome of the live channel re-reads the open incidents, sync's progress retries
// the waiting links, and another account signing in brings its own from the store (the last one's
// stay there for their next sign-in).
import type { ServiceContext } from '../core/context';
import type { IncidentsHolder } from './incidentsHolder';
import { attemptLink, refreshOpenIncidents } from './incidentsService';
import { sqliteLinksStore } from './linksStore';
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
  const userOf = () => {
    const who = ctx.signer();
    return who.kind === 'signed_in' ? who.user.id : null;
  };
  const links = createPendingLinks({
    attempt: (link) => attemptLink(ctx, link),
    retryMs: options.retryMs,
    store: sqliteLinksStore(ctx, userOf),
  });
  let user = userOf();
  links.reload();
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
        if (next === user) return;
        user = next;
        links.reload();
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
