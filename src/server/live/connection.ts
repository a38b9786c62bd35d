// One workstation's (or team lead's) live socket: the protocol of src/shared/softphone/live.ts.
// Messages are handled one at a time in arrival order, so an agent's reported states are applied in
// the order the workstation sent them; anything malformed ends the socket, never the process.
import { randomUUID } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { Role } from '../../shared/sync/auth';
import type { AgentSnapshot } from '../../shared/softphone/agent';
import type { QueueSnapshot } from '../../shared/queue/queue';
import { LIVE_CLOSE, LiveClientMessage, type LiveServerMessage } from '../../shared/softphone/live';
import { AGENT_ROLES } from '../agents/snapshots';
import type { LiveIdentity } from './liveAuth';

/** What a connection needs from the hub (and through it, the database). */
export interface LiveServices {
  helloTimeoutMs: number;
  authenticate(token: string): Promise<LiveIdentity | null>;
  /** The agent's snapshot, or one built for a user who takes no calls. */
  snapshot(identity: LiveIdentity): Promise<AgentSnapshot>;
  agents(): Promise<AgentSnapshot[]>;
  queueSnapshot(): Promise<QueueSnapshot>;
  connected(connection: LiveConnection): Promise<void>;
  disconnected(connection: LiveConnection): Promise<void>;
  reportState(
    connection: LiveConnection,
    message: Extract<LiveClientMessage, { type: 'agent.state' }>,
  ): Promise<void>;
  onError(message: string): void;
}

const SUBSCRIBER_ROLES: readonly Role[] = ['team_lead', 'admin'];
const isAgentRole = (role: Role) => (AGENT_ROLES as readonly Role[]).includes(role);

export class LiveConnection {
  readonly id = randomUUID();
  identity: LiveIdentity | null = null;
  subscribed = false;
  /** Sent the call queue at every change (team leads and admins). */
  queueSubscribed = false;
  /** Cleared at each heartbeat ping, set by the pong. */
  alive = true;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    private readonly services: LiveServices,
  ) {
    this.helloTimer = setTimeout(
      () => this.close(LIVE_CLOSE.helloTimeout, 'hello_timeout', 'No hello within the time allowed'),
      services.helloTimeoutMs,
    );
    socket.on('message', (data, isBinary) => this.enqueue(() => this.receive(data, isBinary)));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.closedByPeer());
    socket.on('error', () => undefined);
  }

  get isAgent(): boolean {
    return this.identity !== null && isAgentRole(this.identity.user.role);
  }

  send(message: LiveServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Runs after everything already received, so events never overtake an answer being prepared. */
  enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.services.onError(`live message failed: ${(error as Error).message}`);
      this.close(1011, 'internal', 'The server could not handle the message; reconnect');
    });
  }

  /** Resolves once everything queued so far (the disconnect after a close included) has run. */
  settled(): Promise<void> {
    return this.queue;
  }

  close(code: number, errorCode: string, message: string): void {
    if (this.closed) return;
    this.send({ type: 'error', code: errorCode, message });
    this.socket.close(code, errorCode);
    this.closedByPeer();
  }

  private closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloTimer);
    // Queued after any hello still being handled, so the agent it connected is disconnected again.
    this.enqueue(async () => {
      if (this.isAgent) await this.services.disconnected(this);
    });
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    const message = parse(data, isBinary);
    if (!message.ok) {
      this.close(LIVE_CLOSE.badMessage, 'bad_message', message.error);
      return;
    }
    if (!this.identity) {
      await this.hello(message.value);
      return;
    }
    switch (message.value.type) {
      case 'hello':
        this.close(LIVE_CLOSE.badMessage, 'bad_message', 'Already signed in on this socket');
        return;
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'agent.state':
        if (!this.isAgent) {
          this.close(
            LIVE_CLOSE.forbidden,
            'forbidden',
            'Only operators and team leads publish an agent state',
          );
          return;
        }
        await this.services.reportState(this, message.value);
        this.send({ type: 'agent.ack', agent: await this.services.snapshot(this.identity) });
        return;
      case 'agents.subscribe':
        if (!SUBSCRIBER_ROLES.includes(this.identity.user.role)) {
          this.close(LIVE_CLOSE.forbidden, 'forbidden', 'Only team leads and admins see every agent');
          return;
        }
        this.subscribed = true;
        this.send({ type: 'agents', agents: await this.services.agents() });
        return;
      case 'queue.subscribe':
        // Not a reason to end the socket: an operator's workstation keeps its channel.
        if (!SUBSCRIBER_ROLES.includes(this.identity.user.role)) {
          this.send({
            type: 'error',
            code: 'forbidden',
            message: 'Only team leads and admins see the call queue',
          });
          return;
        }
        this.queueSubscribed = true;
        this.send({ type: 'queue', queue: await this.services.queueSnapshot() });
        return;
    }
  }

  private async hello(message: LiveClientMessage): Promise<void> {
    if (message.type !== 'hello') {
      this.close(LIVE_CLOSE.unauthenticated, 'unauthenticated', 'The first message must be hello');
      return;
    }
    const identity = await this.services.authenticate(message.token);
    if (this.closed) return;
    if (!identity) {
      this.close(
        LIVE_CLOSE.unauthenticated,
        'unauthenticated',
        'The access token is invalid or the sign-in ended',
      );
      return;
    }
    // A socket speaks for the device its sign-in was made on, never for another one it names.
    if (identity.deviceId && message.deviceId && message.deviceId !== identity.deviceId) {
      this.close(LIVE_CLOSE.forbidden, 'device_mismatch', 'This sign-in was made on another device');
      return;
    }
    clearTimeout(this.helloTimer);
    this.identity = { ...identity, deviceId: identity.deviceId || message.deviceId };
    if (this.isAgent) await this.services.connected(this);
    this.send({
      type: 'welcome',
      userId: identity.user.id,
      agent: await this.services.snapshot(this.identity),
    });
  }
}

type Parsed = { ok: true; value: LiveClientMessage } | { ok: false; error: string };

function parse(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { ok: false, error: 'Messages are JSON text' };
  let json: unknown;
  try {
    json = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString());
  } catch {
    return { ok: false, error: 'The message is not valid JSON' };
  }
  const result = LiveClientMessage.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(message)'))];
    return { ok: false, error: `Invalid message: ${fields.join(', ')}` };
  }
  return { ok: true, value: result.data };
}
