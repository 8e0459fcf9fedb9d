import { Injectable } from '@nestjs/common';
import { DomainError } from '#common';
import { PrismaService } from '#database';
import { rateLimitBucketRepository } from './rate-limit-bucket.repository.js';

interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Password checks allowed per window. The tight limit is per account *and*
 * client address, so an attacker elsewhere cannot lock the owner out; the
 * account-wide ceiling, far higher and slower, stops a guesser spread over
 * many addresses; the address limit caps one client across all accounts.
 */
export const LOGIN_LIMITS = {
  accountAddress: { max: 10, windowSeconds: 15 * 60 },
  account: { max: 100, windowSeconds: 60 * 60 },
  ip: { max: 100, windowSeconds: 15 * 60 },
} as const satisfies Record<string, Limit>;

/**
 * Login throttling with fixed windows kept in PostgreSQL, so every admin-api
 * instance shares the same counters. An attempt takes its slot before the
 * password is checked, in one statement per counter that increments only
 * while under the limit — so simultaneous attempts cannot all slip past a
 * check made before any of them was counted.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Takes a slot for one password check of `email` from `ip`, or throws 429
   * rate_limited. The narrow counters go first: an attempt they refuse does
   * not count against the wider ones, so a single client hammering one
   * account cannot use up its address's or the owner's allowance.
   */
  async take(email: string, ip: string): Promise<void> {
    if (!(await this.takeSlot(accountAddressKey(email, ip), LOGIN_LIMITS.accountAddress))) throw refusal(LOGIN_LIMITS.accountAddress);
    if (!(await this.takeSlot(ipKey(ip), LOGIN_LIMITS.ip))) throw refusal(LOGIN_LIMITS.ip);
    if (!(await this.takeSlot(accountKey(email), LOGIN_LIMITS.account))) throw refusal(LOGIN_LIMITS.account);
  }

  /** A correct password: this address starts afresh on the account, and the check is given back to the account-wide ceiling. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await rateLimitBucketRepository.clear(tx, accountAddressKey(email, ip));
      await rateLimitBucketRepository.giveBack(tx, accountKey(email));
    });
  }

  /** Increments the counter for the current window unless it is at `limit.max`; true when a slot was taken. */
  private takeSlot(key: string, limit: Limit): Promise<boolean> {
    return rateLimitBucketRepository.take(this.prisma, key, windowStart(limit), limit.max);
  }
}

function windowStart(limit: Limit): Date {
  const ms = limit.windowSeconds * 1000;
  return new Date(Math.floor(Date.now() / ms) * ms);
}

function refusal(limit: Limit): DomainError {
  const retryAfter = Math.max(1, Math.ceil((windowStart(limit).getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000));
  return new DomainError('rate_limited', 'Too many login attempts; try again later', { headers: { 'retry-after': String(retryAfter) } });
}

const accountKey = (email: string) => `login:account:${email.toLowerCase()}`;
const accountAddressKey = (email: string, ip: string) => `login:account-ip:${email.toLowerCase()}|${ip}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
