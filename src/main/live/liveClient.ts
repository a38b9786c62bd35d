// The workstation's end of the live channel (WebSocket /api/v1/live): authenticates with the
// access token, publishes the agent state, and turns the server's `sync.changed` into a pull now.
// It reconnects with jittered backoff (capped at a few seconds, so routing sees the agent again
// soon after a network blip) and re-sends the current state after every reconnect; the agent
// state counts as published only once the server acknowledged it. A team lead's (or admin's)
// connection also subscribes to every agent and to the call queue after each welcome, so the floor
// catches up after every reconnect; a lead's override of this agent's state arrives as `agent.set`.
import WebSocket from 'ws';
import type { AgentOverride } from '../../shared/queue/floor';
import type { AgentState } from '../../shared/softphone/agent';
import {
  LIVE_CLOSE,
  LIVE_PATH,
  LiveServerMessage,
  type LiveClientMessage,
} from '../../shared/softphone/live';
import { UnreachableError } from '../core/http';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff';
import type { Presence } from '../agent';
import type { IncidentChangedMessage } from '../../shared/incidents';

export const LIVE_BACKOFF: BackoffOptions = { minMs: 250, maxMs: 4_000 };
/** Server messages are small (an agent list at most); anything larger is not from our server. */
const MAX_PAYLOAD = 1024 * 1024;

export interface LiveClientOptions {
  /** http(s)://host:port of the central server. */
  serverUrl: string;
  deviceId: string;
  getAccessToken: (o: { refresh: boolean }) => Promise<string | null>;
  presence: () => Presence;
  /**
   * Whether the signed-in account publishes an agent state at all (only roles that take calls do;
   * the server closes the channel of any other that tries). Without it the channel still carries
   * `sync.changed`, so an analyst or an executor sees server changes at once. Default: always.
   */
  publishesPresence?: () => boolean;
  /** The server holds this state now. */
  onAck: (state: AgentState) => void;
  /** The server can no longer see this workstation's state. */
  onDisconnected: () => void;
  /** Something changed on the server: pull now. */
  onSyncChanged: () => void;
  /**
   * Whether the signed-in account watches the floor (team lead, admin): then every welcome is
   * followed by `agents.subscribe` and `queue.subscribe`. Default: never.
   */
  subscribesToFloor?: () => boolean;
  /** The floor's messages (the full agent list after a subscribe, one agent's change, the queue). */
  onFloor?: (message: FloorMessage) => void;
  /** A team lead set this agent's state. */
  onAgentSet?: (override: AgentOverride) => void;
  /** The server welcomed this connection (after every reconnect): what it announces is re-read. */
  onWelcomed?: () => void;
  /** An incident was formed or changed (issue 14), as the workstation's screens see it. */
  onIncident?: (message: IncidentChangedMessage) => void;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Keep-alive ping interval; the connection is dropped after two silent intervals. */
  pingMs?: number;
  handshakeTimeoutMs?: number;
}

export type FloorMessage = Extract<LiveServerMessage, { type: 'agents' | 'agent.changed' | 'queue' }>;

export interface LiveClient {
  /** Connects (and keeps reconnecting) while someone is signed in. */
  start(): void;
  /** Closes the connection and stops reconnecting (sign-out, shutdown). */
  stop(): void;
  /** Sends the current presence now, if connected. */
  publish(): void;
  connected(): boolean;
}

export const liveUrl = (serverUrl: string): string =>
  `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${LIVE_PATH}`;

export function createLiveClient(o: LiveClientOptions): LiveClient {
  const random = o.random ?? Math.random;
  const pingMs = o.pingMs ?? 15_000;
  let running = false;
  let socket: WebSocket | null = null;
  let welcomed = false;
  let failures = 0;
  /** Set after a 4401: the next connection renews the token first, once per successful welcome. */
  let renewToken = false;
  let renewedSinceWelcome = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  let lastHeard = 0;

  const send = (ws: WebSocket, message: LiveClientMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  const sendPresence = () => {
    if (!socket || !welcomed || o.publishesPresence?.() === false) return;
    const { state, sipRegistered } = o.presence();
    send(socket, { type: 'agent.state', state, sipRegistered });
  };

  const clearTimers = () => {
    if (reconnectTimer) clearTimeout(reconnectTimer);
    if (pingTimer) clearInterval(pingTimer);
    reconnectTimer = null;
    pingTimer = null;
  };

  function scheduleReconnect(delayMs?: number): void {
    if (!running || reconnectTimer) return;
    failures++;
    reconnectTimer = setTimeout(
      () => {
        reconnectTimer = null;
        void connect();
      },
      delayMs ?? backoffDelay(failures, random, o.backoff ?? LIVE_BACKOFF),
    );
    reconnectTimer.unref?.();
  }

  async function connect(): Promise<void> {
    if (!running || socket) return;
    let token: string | null;
    try {
      token = await o.getAccessToken({ refresh: renewToken });
    } catch (e) {
      // Stopped meanwhile (sign-out, the workstation closing): the failure is no longer anyone's business.
      if (!running) return;
      if (!(e instanceof UnreachableError))
        console.warn(`Live channel: no access token (${e instanceof Error ? e.name : typeof e})`);
      return scheduleReconnect();
    }
    renewToken = false;
    // Nobody is signed in (any more): start() is called again at the next sign-in.
    if (token === null || !running) {
      running = running && token !== null;
      return;
    }
    if (socket) return;
    const ws = new WebSocket(liveUrl(o.serverUrl), {
      handshakeTimeout: o.handshakeTimeoutMs ?? 5_000,
      maxPayload: MAX_PAYLOAD,
    });
    socket = ws;
    lastHeard = Date.now();
    ws.on('open', () => {
      send(ws, { type: 'hello', token, deviceId: o.deviceId });
      pingTimer = setInterval(() => {
        // A connection that went silent (a cut cable does not close a socket) is dropped and redialled.
        if (Date.now() - lastHeard > 2 * pingMs) ws.terminate();
        else send(ws, { type: 'ping' });
      }, pingMs);
      pingTimer.unref?.();
    });
    ws.on('message', (data) => {
      lastHeard = Date.now();
      onMessage(data.toString());
    });
    // 'close' always follows; the error itself carries nothing the operator can act on here.
    ws.on('error', () => undefined);
    ws.on('close', (code) => onClose(ws, code));
  }

  function onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = LiveServerMessage.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'welcome':
        welcomed = true;
        failures = 0;
        renewedSinceWelcome = false;
        sendPresence();
        if (socket && o.subscribesToFloor?.() === true) {
          send(socket, { type: 'agents.subscribe' });
          send(socket, { type: 'queue.subscribe' });
        }
        o.onWelcomed?.();
        return;
      case 'agents':
      case 'agent.changed':
      case 'queue':
        if (welcomed) o.onFloor?.(message);
        return;
      case 'agent.set':
        if (welcomed) o.onAgentSet?.(message.override);
        return;
      case 'agent.ack':
        o.onAck(message.agent.state);
        return;
      case 'sync.changed':
        o.onSyncChanged();
        return;
      case 'incident.changed':
        if (welcomed) o.onIncident?.(message);
        return;
      case 'error':
        // The close that follows drives the reconnect; a server shutting down is routine.
        if (message.code !== 'going_away')
          console.warn(`Live channel error from the server: ${message.code}`);
        return;
      default:
        return;
    }
  }

  function onClose(ws: WebSocket, code: number): void {
    if (socket !== ws) return;
    socket = null;
    const wasWelcomed = welcomed;
    welcomed = false;
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
    if (wasWelcomed) o.onDisconnected();
    if (!running) return;
    if (code === LIVE_CLOSE.forbidden) {
      // This account's role may not hold a live connection: retrying changes nothing.
      running = false;
      return;
    }
    if (code === LIVE_CLOSE.unauthenticated && !renewedSinceWelcome) {
      // The access token expired or was revoked: renew it once and reconnect at once.
      renewToken = true;
      renewedSinceWelcome = true;
      return scheduleReconnect(0);
    }
    scheduleReconnect();
  }

  return {
    start() {
      if (running) return;
      running = true;
      failures = 0;
      renewedSinceWelcome = false;
      void connect();
    },
    stop() {
      running = false;
      clearTimers();
      const ws = socket;
      socket = null;
      const wasWelcomed = welcomed;
      welcomed = false;
      ws?.close(1000);
      if (wasWelcomed) o.onDisconnected();
    },
    publish: sendPresence,
    connected: () => welcomed,
  };
}
