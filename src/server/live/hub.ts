// The live WebSocket at LIVE_PATH on the server's own HTTP listener (src/shared/softphone/live.ts).
// Each instance keeps only its own sockets; what must reach sockets on other instances goes through
// PostgreSQL: agent changes as NOTIFY agent_changed (sent by the writes in agents/stateStore.ts),
// appeal changes as NOTIFY sync_changed (a trigger on change_log, migration 030).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import { WebSocketServer } from 'ws';
import { LIVE_PATH } from '../../shared/softphone/live';
import type { AgentSnapshot } from '../../shared/softphone/agent';
import { agentSnapshot, listAgents, staleSeconds } from '../agents/snapshots';
import {
  AGENT_CHANNEL,
  SYNC_CHANNEL,
  markConnected,
  markDisconnected,
  reportAgentState,
  sweepAgents,
  touchConnections,
} from '../agents/stateStore';
import type { AppContext } from '../context';
import type { QueueService } from '../queue/service';
import { AgentOverride } from '../../shared/queue/floor';
import { z } from 'zod';
import { withTransaction } from '../db/pool';
import { loggableError } from '../errors';
import { LiveConnection, type LiveServices } from './connection';
import { authenticateLive, endedSessions, type LiveIdentity } from './liveAuth';
import { PgListener } from './pgListener';
import { INCIDENT_CHANNEL, readIncident } from '../incidents/store';
import { IncidentChangeKind } from '../../shared/incidents';

export interface LiveHub {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Starts the database listener and the timers. */
  start(): Promise<void>;
  /** Closes every socket (1001) and stops listening. */
  close(): Promise<void>;
}

/** A team lead's override of an agent's state, NOTIFYed in the transaction that records it. */
export const OVERRIDE_CHANNEL = 'agent_override';
export const QUEUE_CHANNEL = 'queue_changed';
const OverrideNotice = z.object({ userId: z.string(), override: AgentOverride });
const IncidentNotice = z.object({ id: z.string(), change: IncidentChangeKind });

export interface LiveHubOptions {
  ctx: AppContext;
  /** The call queue: its snapshot for subscribers, its dispatcher woken when an agent changes. */
  queue: QueueService;
  /** How the dedicated LISTEN connection reaches the database: the pool's own settings. */
  connection: pg.ClientConfig;
  log(message: string): void;
}

/** An error as a log line may hold it: never the values a database message quotes. */
const describe = (error: unknown): string => JSON.stringify(loggableError(error as Error));

export function createLiveHub({ ctx, queue, connection, log }: LiveHubOptions): LiveHub {
  const { pool, config } = ctx;
  const live = config.live;
  const stale = staleSeconds(live);
  const connections = new Set<LiveConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: live.maxMessageBytes });
  const timers: NodeJS.Timeout[] = [];
  let syncTimer: NodeJS.Timeout | null = null;
  let shuttingDown = false;

  const snapshot = async (identity: LiveIdentity): Promise<AgentSnapshot> =>
    (await agentSnapshot(pool, identity.user.id, stale)) ?? {
      userId: identity.user.id,
      username: identity.user.username,
      name: identity.user.name,
      state: { state: 'offline' },
      since: new Date().toISOString(),
      sipRegistered: false,
      connected: false,
    };

  const services: LiveServices = {
    helloTimeoutMs: live.helloTimeoutMs,
    authenticate: async (token) => authenticateLive(pool, await ctx.tokenSecret(), token),
    snapshot,
    agents: () => listAgents(pool, stale),
    connected: (c) => markConnected(pool, c.identity!.user.id, c.id, c.identity!.deviceId),
    disconnected: (c) => markDisconnected(pool, c.identity!.user.id, c.id),
    reportState: async (c, message) => {
      await withTransaction(pool, (client) =>
        reportAgentState(client, c.identity!.user.id, message.state, message.sipRegistered),
      );
      // On the call: a queued caller offered to this agent was answered, whatever became of the
      // PBX's own `answered` event.
      if (message.state.state === 'on_call')
        await queue.confirmAnswered(c.identity!.user.id, message.state.callId);
    },
    queueSnapshot: () => queue.snapshot(),
    onError: log,
  };

  const authenticated = () => [...connections].filter((c) => c.identity !== null);

  const sendSyncChanged = () => {
    syncTimer = null;
    for (const c of authenticated()) c.send({ type: 'sync.changed' });
  };
  const scheduleSyncChanged = () => {
    syncTimer ??= setTimeout(sendSyncChanged, live.syncDebounceMs);
  };

  const deliverAgentChange = async (userId: string) => {
    const subscribers = [...connections].filter((c) => c.subscribed);
    if (subscribers.length === 0) return;
    const agent = await agentSnapshot(pool, userId, stale);
    if (!agent) return;
    for (const c of subscribers) c.enqueue(() => c.send({ type: 'agent.changed', agent }));
  };

  // The queue goes to its subscribers at most every snapshotThrottleMs, the latest state always:
  // a change inside the window is sent at its end, read then.
  const throttleMs = config.queue.snapshotThrottleMs;
  let queueTimer: NodeJS.Timeout | null = null;
  let queueSentAt = 0;
  let queueSending = false;
  let queueDirty = false;
  const sendQueue = async () => {
    queueTimer = null;
    if (queueSending) {
      queueDirty = true;
      return;
    }
    // Scheduled while the previous send was still reading: its window starts only now.
    if (Date.now() < queueSentAt + throttleMs) {
      scheduleQueue();
      return;
    }
    const subscribers = [...connections].filter((c) => c.queueSubscribed);
    if (subscribers.length === 0) return;
    queueSending = true;
    try {
      const snapshot = await queue.snapshot();
      // The window counts from the send, not the read: a slow read never brings two sends closer.
      queueSentAt = Date.now();
      for (const c of subscribers) c.enqueue(() => c.send({ type: 'queue', queue: snapshot }));
    } finally {
      queueSending = false;
      if (queueDirty) {
        queueDirty = false;
        scheduleQueue();
      }
    }
  };
  const scheduleQueue = () => {
    if (queueTimer || shuttingDown) return;
    const wait = Math.max(0, queueSentAt + throttleMs - Date.now());
    queueTimer = setTimeout(() => {
      sendQueue().catch((error: unknown) => log(`queue snapshot not delivered: ${describe(error)}`));
    }, wait);
  };

  const deliverOverride = (payload: string) => {
    let notice: z.infer<typeof OverrideNotice>;
    try {
      notice = OverrideNotice.parse(JSON.parse(payload));
    } catch {
      log('agent_override notification malformed; not delivered');
      return;
    }
    for (const c of authenticated()) {
      if (c.identity!.user.id === notice.userId)
        c.enqueue(() => c.send({ type: 'agent.set', override: notice.override }));
    }
  };

  // Every signed-in socket but an executor's hears of incidents: operators' hints, leads' alerts.
  const deliverIncident = async (payload: string) => {
    const notice = IncidentNotice.safeParse(JSON.parse(payload));
    if (!notice.success) {
      log('incident_changed notification malformed; not delivered');
      return;
    }
    const listeners = authenticated().filter((c) => c.identity!.user.role !== 'executor');
    if (listeners.length === 0) return;
    const incident = await readIncident(pool, notice.data.id);
    if (!incident) return;
    for (const c of listeners)
      c.enqueue(() => c.send({ type: 'incident.changed', change: notice.data.change, incident }));
  };

  // Notifications sent while the listener was away are lost: everyone catches up instead.
  const resynchronize = async () => {
    scheduleSyncChanged();
    scheduleQueue();
    queue.wake();
    const subscribers = [...connections].filter((c) => c.subscribed);
    if (subscribers.length === 0) return;
    const agents = await listAgents(pool, stale);
    for (const c of subscribers) c.enqueue(() => c.send({ type: 'agents', agents }));
  };

  const listener = new PgListener({
    connection,
    channels: [AGENT_CHANNEL, SYNC_CHANNEL, QUEUE_CHANNEL, OVERRIDE_CHANNEL, INCIDENT_CHANNEL],
    onNotification: (channel, payload) => {
      if (channel === SYNC_CHANNEL) scheduleSyncChanged();
      else if (channel === QUEUE_CHANNEL) scheduleQueue();
      else if (channel === OVERRIDE_CHANNEL) deliverOverride(payload);
      else if (channel === INCIDENT_CHANNEL)
        deliverIncident(payload).catch((error: unknown) =>
          log(`incident change not delivered: ${describe(error)}`),
        );
      else if (channel === AGENT_CHANNEL) {
        // An operator may have freed: the next caller is offered at once, not at the next sweep.
        queue.wake();
        deliverAgentChange(payload).catch((error: unknown) =>
          log(`agent change not delivered: ${describe(error)}`),
        );
      }
    },
    onReconnected: () => {
      resynchronize().catch((error: unknown) => log(`live resynchronization failed: ${describe(error)}`));
    },
    onError: log,
  });

  const heartbeat = async () => {
    for (const c of connections) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
    const agents = authenticated().filter((c) => c.isAgent);
    await touchConnections(
      pool,
      agents.map((c) => c.id),
    );
    const ended = await endedSessions(pool, [...new Set(authenticated().map((c) => c.identity!.sessionId))]);
    for (const c of authenticated()) {
      if (ended.has(c.identity!.sessionId)) c.close(4401, 'unauthenticated', 'The sign-in has ended');
    }
  };

  const sweep = () =>
    withTransaction(pool, (client) => sweepAgents(client, live.offlineGraceMs / 1000, stale));

  const every = (ms: number, task: () => Promise<unknown>, what: string) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((error: unknown) => log(`${what} failed: ${describe(error)}`))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0];
      const origin = request.headers.origin;
      if (origin !== undefined && !config.liveAllowedOrigins.includes(origin)) {
        // A page of another site must not hold a socket on the operator's behalf.
        socket.once('finish', () => socket.destroy());
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      if (path !== LIVE_PATH || shuttingDown) {
        // Destroyed once the answer is out: a client that keeps its side open must not hold the
        // listener open (a closing server waits for every socket).
        socket.once('finish', () => socket.destroy());
        socket.end(
          `HTTP/1.1 ${shuttingDown ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        // A handshake that completed while the server began closing is not kept.
        if (shuttingDown) {
          ws.terminate();
          return;
        }
        const c = new LiveConnection(ws, services);
        connections.add(c);
        ws.on('close', () => connections.delete(c));
      });
    },
    async start() {
      await listener.start();
      every(live.heartbeatMs, heartbeat, 'live heartbeat');
      every(live.sweepMs, sweep, 'agent sweep');
    },
    async close() {
      shuttingDown = true;
      for (const timer of timers) clearInterval(timer);
      if (syncTimer) clearTimeout(syncTimer);
      if (queueTimer) clearTimeout(queueTimer);
      const closed = [...connections].map(
        (c) =>
          new Promise<void>((resolve) => {
            c.socket.once('close', () => resolve());
            c.close(1001, 'going_away', 'The server is shutting down; reconnect');
            setTimeout(() => {
              c.socket.terminate();
              resolve();
            }, 1000).unref();
          }),
      );
      const closing = [...connections];
      await Promise.all(closed);
      // The disconnects are written before the pool goes away with the server.
      await Promise.all(closing.map((c) => c.settled()));
      await listener.stop();
      wss.close();
    },
  };
}
