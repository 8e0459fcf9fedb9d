import { Inject, Injectable } from '@nestjs/common';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError } from '#common';
import { PrismaService, recordAudit } from '#database';
import { apiTokenRepository } from './api-token.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { sessionRepository } from './session.repository.js';
import { API_TOKEN_PREFIX, SESSION_PREFIX, hashToken, looksLikeToken, newToken } from './token.js';
import type { LoginResult } from './auth.schema.js';
import { toUserView } from './user.mapper.js';
import { userRepository } from './user.repository.js';

export type { LoginResult };

/** last_used_at is refreshed at most this often, to keep reads from writing. */
const TOUCH_INTERVAL_MS = 60_000;

/** Login, and turning a bearer token into an Actor on every request. */
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly throttle: LoginThrottle,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async login(email: string, password: string, context: { ip: string; userAgent?: string }): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    await this.throttle.take(normalized, context.ip);
    const user = await userRepository.findByEmail(this.prisma, normalized);
    // Spend the same scrypt time whether or not the account exists.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabled) {
      await recordAudit(this.prisma, null, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        data: { email: normalized, ip: context.ip, reason: !user ? 'unknown_email' : user.disabled ? 'disabled' : 'bad_password' },
      });
      throw new DomainError('unauthenticated', 'Email or password is not correct');
    }
    await this.throttle.recordSuccess(normalized, context.ip);
    const accessToken = newToken(SESSION_PREFIX);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlSeconds * 1000);
    await this.prisma.$transaction(async (tx) => {
      await sessionRepository.create(tx, {
        userId: user.id,
        tokenHash: hashToken(accessToken),
        expiresAt,
        ip: context.ip,
        userAgent: context.userAgent?.slice(0, 300) ?? null,
      });
      await userRepository.recordLogin(tx, user.id, new Date());
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.sessionTtlSeconds, user: toUserView(user) };
  }

  async logout(token: string): Promise<void> {
    await sessionRepository.revokeByTokenHash(this.prisma, hashToken(token), new Date());
  }

  /**
   * The actor for a bearer token, or null. Checked against the database on
   * every request, so a disabled user, a revoked token or a token whose
   * creator is disabled loses access at once.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const now = new Date();
    const tokenHash = hashToken(token);
    if (token.startsWith(SESSION_PREFIX)) {
      const session = await sessionRepository.findByTokenHash(this.prisma, tokenHash);
      if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabled) return null;
      if (!session.lastUsedAt || now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await sessionRepository.touch(this.prisma, session.id, now);
      }
      return { type: 'user', id: session.user.id, userId: session.user.id, role: session.user.role, name: session.user.name };
    }
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const apiToken = await apiTokenRepository.findByTokenHash(this.prisma, tokenHash);
      if (!apiToken || apiToken.revokedAt || (apiToken.expiresAt && apiToken.expiresAt <= now)) return null;
      // A token acts for the person who made it: it stops when they are disabled (and works again if they are re-enabled).
      if (apiToken.createdBy?.disabled) return null;
      if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await apiTokenRepository.touch(this.prisma, apiToken.id, now);
      }
      return { type: 'api_token', id: apiToken.id, userId: null, role: apiToken.role, name: `token:${apiToken.name}` };
    }
    return null;
  }
}
