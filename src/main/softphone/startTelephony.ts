// Assembles the workstation's telephony side: softphone configuration, agent state, the live
// channel and the floor a team lead watches through it, connected to sign-in and to each other.
// Without a central server there is no softphone and no live channel, and the agent state stays
// offline: no call can reach the workstation.
import type { Store } from '../core/db/types';
import type { EventBus } from '../core/events';
import type { SyncParts } from '../sync';
import type { FetchFn } from '../core/http';
import type { BackoffOptions } from '../../shared/backoff';
import type { Role } from '../../shared/sync/auth';
import { createAgent, DEFAULT_WRAP_UP_SECONDS, type Agent } from '../agent';
import { createFloorHolder, FLOOR_ROLES, type FloorHolder } from '../floor';
import { createIncidentsHolder, type IncidentsHolder } from '../incidents';
import { createLiveClient, type LiveClient } from '../live';
import { createSoftphone, type Softphone } from './softphoneService';

export const OFF_DUTY = {
  noServer: 'No central server is configured: calls cannot reach this workstation, so it stays offline',
  signedOut: 'Nobody is signed in: sign in to take calls',
} as const;

/**
 * The roles that take calls and so publish an agent state (the server's list, src/server/agents):
 * the live channel of every other role only listens for changes to pull.
 */
export const AGENT_ROLES: readonly Role[] = ['operator', 'team_lead'];

export interface TelephonyParts {
  softphone: Softphone;
  agent: Agent;
  live: LiveClient | null;
  /** Every agent and the call queue, for a signed-in team lead or admin (empty for others). */
  floor: FloorHolder;
  /** The open incidents the live channel announces (issue 14), for every signed-in role. */
  incidents: IncidentsHolder;
  dispose(): void;
}

export interface TelephonySetup {
  store: Pick<Store, 'db' | 'write'>;
  events: EventBus;
  clock: () => Date;
  deviceId: string;
  /** The central server with its sign-in and sync engine; null when the workstation works alone. */
  server: { url: string; sync: SyncParts; fetch?: FetchFn; timeoutMs?: number } | null;
  /** Reconnect timing of the live channel (tests shorten it). */
  liveBackoff?: BackoffOptions;
}

export function startTelephony(s: TelephonySetup): TelephonyParts {
  const softphone = createSoftphone({
    store: s.store,
    server: s.server && { url: s.server.url, auth: s.server.sync.auth },
    events: s.events,
    clock: s.clock,
    fetch: s.server?.fetch,
    timeoutMs: s.server?.timeoutMs,
  });
  const agent = createAgent({
    store: s.store,
    events: s.events,
    clock: s.clock,
    wrapUpSeconds: () => softphone.wrapUpSeconds() ?? DEFAULT_WRAP_UP_SECONDS,
    offDutyReason: () => {
      if (s.server === null) return OFF_DUTY.noServer;
      return s.server.sync.auth.session().user === null ? OFF_DUTY.signedOut : null;
    },
  });
  const floor = createFloorHolder({ events: s.events, clock: s.clock });
  const incidents = createIncidentsHolder(s.events);
  if (s.server === null) {
    return {
      softphone,
      agent,
      live: null,
      floor,
      incidents,
      dispose: () => {
        floor.dispose();
        agent.dispose();
      },
    };
  }

  const { auth, engine } = s.server.sync;
  const live = createLiveClient({
    serverUrl: s.server.url,
    deviceId: s.deviceId,
    getAccessToken: (o) => auth.getAccessToken(o),
    presence: () => agent.presence(),
    publishesPresence: () => {
      const role = auth.session().user?.role;
      return role !== undefined && AGENT_ROLES.includes(role);
    },
    onAck: (state) => agent.acknowledged(state),
    onDisconnected: () => {
      agent.unpublished();
      floor.down();
      incidents.down();
    },
    onWelcomed: () => incidents.welcomed(),
    onIncident: (message) => incidents.changed(message),
    onSyncChanged: () => void engine.syncNow(),
    subscribesToFloor: () => {
      const role = auth.session().user?.role;
      return role !== undefined && FLOOR_ROLES.includes(role);
    },
    onFloor: (message) => floor.message(message),
    onAgentSet: (override) => {
      // Adopted: the new state is published as any change is. Kept (a call) or already so: the
      // state is published again, so the server, which recorded the lead's, hears what holds here.
      const result = agent.override(override);
      if (!result.ok || !result.value.changed) live.publish();
    },
    backoff: s.liveBackoff,
  });
  const unsubscribePresence = agent.onPresence(() => live.publish());
  let floorUser: string | null = auth.session().user?.id ?? null;
  const unsubscribeAuth = auth.onChange((session) => {
    const user = session.user?.id ?? null;
    // Nothing of one account's floor is shown to the next.
    if (user !== floorUser) {
      floor.reset();
      incidents.reset();
    }
    floorUser = user;
    if (session.user === null) {
      // Signed out: the next operator starts offline, and the server stops seeing this one.
      agent.goOffline();
      live.stop();
    } else live.start();
  });
  // A local call record waits in the outbox like any change: push it soon.
  const unsubscribeEvents = s.events.on((event) => {
    if (event === 'calls:saved') engine.kick();
  });
  if (auth.session().user !== null) live.start();

  return {
    softphone,
    agent,
    live,
    floor,
    incidents,
    dispose() {
      unsubscribeEvents();
      unsubscribeAuth();
      unsubscribePresence();
      live.stop();
      floor.dispose();
      softphone.dispose();
      agent.dispose();
    },
  };
}
