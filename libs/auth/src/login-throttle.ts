import { Injectable } from '@nestjs/common';
import { DomainError } from '#common';
import { PrismaService } from '#database';

interface Limit {
  max: number;
  windowSeconds: number;
}

/** Failed logins per account, and all login attempts per IP, per window. */
export const LOGIN_LIMITS = {
  account: { max: 10, windowSeconds: 15 * 60 },
  ip: { max: 100, windowSeconds: 15 * 60 },
} as const satisfies Record<string, Limit>;

/**
 * Login throttling with fixed windows kept in PostgreSQL, so every admin-api
 * instance shares the same counters.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly prisma: PrismaService) {}

  /** Throws 429 rate_limited when the account or the IP is over its limit. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.current(accountKey(email), LOGIN_LIMITS.account), this.current(ipKey(ip), LOGIN_LIMITS.ip)]);
    const over = [account.count >= LOGIN_LIMITS.account.max ? account.retryAfter : 0, address.count >= LOGIN_LIMITS.ip.max ? address.retryAfter : 0].filter(
      (seconds) => seconds > 0,
    );
    if (over.length > 0) {
      const retryAfter = Math.max(...over);
      throw new DomainError('rate_limited', 'Too many login attempts; try again later', { headers: { 'retry-after': String(retryAfter) } });
    }
  }

  async recordAttempt(ip: string): Promise<void> {
    await this.increment(ipKey(ip), LOGIN_LIMITS.ip);
  }

  async recordFailure(email: string): Promise<void> {
    await this.increment(accountKey(email), LOGIN_LIMITS.account);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.prisma.rateLimitBucket.deleteMany({ where: { key: accountKey(email) } });
  }

  private async current(key: string, limit: Limit): Promise<{ count: number; retryAfter: number }> {
    const start = windowStart(limit);
    const bucket = await this.prisma.rateLimitBucket.findUnique({ where: { key } });
    if (!bucket || bucket.windowStart.getTime() !== start.getTime()) return { count: 0, retryAfter: 0 };
    return { count: bucket.count, retryAfter: Math.max(1, Math.ceil((start.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000)) };
  }

  private async increment(key: string, limit: Limit): Promise<void> {
    const start = windowStart(limit);
    await this.prisma.$executeRaw`
      INSERT INTO rate_limit_bucket (key, window_start, count) VALUES (${key}, ${start}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_bucket.window_start = EXCLUDED.window_start THEN rate_limit_bucket.count + 1 ELSE 1 END,
        window_start = EXCLUDED.window_start`;
  }
}

function windowStart(limit: Limit): Date {
  const ms = limit.windowSeconds * 1000;
  return new Date(Math.floor(Date.now() / ms) * ms);
}

const accountKey = (email: string) => `login:account:${email.toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
