import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_OPTIONS, type DatabaseOptions } from './database.options.js';

type Listener = (payload: string) => void;

/**
 * PostgreSQL LISTEN/NOTIFY across every process on one database: cache
 * invalidation for delivery instances, wake-ups for workers. One dedicated
 * connection per process, reconnected with backoff when it drops.
 */
@Injectable()
export class NotificationService implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationService.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private client?: pg.Client;
  private connecting?: Promise<void>;
  private closed = false;
  private reconnectDelayMs = 200;
  /** Called when the connection drops: from then on notifications are missed until it is back. */
  private readonly disconnectHandlers = new Set<() => void>();
  /** Called after a reconnect: notifications may have been missed meanwhile. */
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(@Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions) {}

  async listen(channel: string, listener: Listener): Promise<() => void> {
    assertChannel(channel);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.ensureConnected();
      await this.client?.query(`LISTEN "${channel}"`);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  onDisconnect(handler: () => void): void {
    this.disconnectHandlers.add(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  /** Whether this process hears notifications now; `unused` when nothing in it listens. */
  get state(): 'up' | 'down' | 'unused' {
    if (this.listeners.size === 0) return 'unused';
    return this.client ? 'up' : 'down';
  }

  /** Sends a notification outside any transaction. Inside one, use `pg_notify` in SQL. */
  async notify(pool: pg.Pool, channel: string, payload: string): Promise<void> {
    assertChannel(channel);
    await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  private async ensureConnected(): Promise<void> {
    if (this.client || this.closed) return;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    // Keep-alive probes notice a connection that died without a word (a dropped route, a failover), not only a closed one.
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: `${this.options.applicationName ?? 'dispatch'}-listen`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => {
      for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn(`notification connection lost: ${error.message}`);
      this.dropAndReconnect(client);
    });
    client.on('end', () => this.dropAndReconnect(client));
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN "${channel}"`);
    this.client = client;
    this.reconnectDelayMs = 200;
  }

  private dropAndReconnect(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    for (const handler of this.disconnectHandlers) handler();
    const retry = () => {
      if (this.closed) return;
      this.ensureConnected()
        .then(() => {
          for (const handler of this.reconnectHandlers) handler();
        })
        .catch(() => {
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5000);
          setTimeout(retry, this.reconnectDelayMs).unref();
        });
    };
    setTimeout(retry, this.reconnectDelayMs).unref();
  }

  /** After the HTTP server has closed: requests still being answered keep their caches' invalidation. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
}
