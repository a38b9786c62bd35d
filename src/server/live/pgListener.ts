// A dedicated PostgreSQL connection per instance for LISTEN (a pooled client would lose its
// LISTENs when the pool recycles it). It reconnects after a drop, with a capped backoff, and says
// so: notifications sent while it was away are lost, so the hub then tells everyone to catch up.
import pg from 'pg';

export interface PgListenerOptions {
  connection: pg.ClientConfig;
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /** Called after a reconnect (not after the first connect). */
  onReconnected(): void;
  onError(message: string): void;
}

const MAX_BACKOFF_MS = 10_000;

export class PgListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs = 250;
  private connectedOnce = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** Resolves once listening (or once the first attempt failed: it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.options.connection);
    client.on('error', (error) => this.dropped(client, error.message));
    client.on('end', () => this.dropped(client, 'connection ended'));
    client.on('notification', (message) => {
      this.options.onNotification(message.channel, message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.options.channels)
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.dropped(client, (error as Error).message);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 250;
    if (this.connectedOnce) this.options.onReconnected();
    this.connectedOnce = true;
  }

  private dropped(client: pg.Client, reason: string): void {
    if (this.stopped || this.retryTimer) return;
    if (this.client && this.client !== client) return;
    this.client = null;
    this.options.onError(`live listener lost its database connection: ${reason}`);
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
