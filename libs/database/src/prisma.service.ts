import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import { DATABASE_OPTIONS, type DatabaseOptions } from './database.options.js';
import { SerialTransactionAdapterFactory } from './serial-transactions.js';

/**
 * The Prisma client over @prisma/adapter-pg (no native engine). It also
 * exposes the underlying pg pool for the few hot read paths that are plain
 * SQL (delivery) and for health checks.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    const pool = createPool(options);
    // Serial transactions: see SerialTransactionAdapterFactory (pg's deprecated query queue).
    super({
      adapter: new SerialTransactionAdapterFactory(new PrismaPg(pool, { disposeExternalPool: false })),
      // Prisma's defaults (2 s to start a transaction, 5 s to finish it) turn a busy moment into a failed
      // save; a newsroom's writes are small, so waiting longer is the better answer under load.
      transactionOptions: TRANSACTION_OPTIONS,
    });
    this.pool = pool;
    pool.on('error', (error) => this.logger.warn(`idle database connection failed: ${error.message}`));
  }

  /** True when a round trip to the database succeeds within `timeoutMs`. */
  async isReachable(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.pool.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** After the HTTP server has closed and its last requests are answered (Nest runs onModuleDestroy before that). */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}

/** How long a use case may wait to start its transaction, and how long the transaction may run. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export function createPool(options: DatabaseOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'dispatch',
  });
}
