import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig, SYSTEM_ACTOR } from '#common';
import { PrismaService, recordAudit } from '#database';
import { hashPassword } from './password.js';
import { userRepository } from './user.repository.js';

/**
 * On start, if no admin exists and ADMIN_EMAIL/ADMIN_PASSWORD are set,
 * creates that admin. An advisory lock keeps several starting instances from
 * racing; an existing admin is never touched.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    try {
      const passwordHash = await hashPassword(adminPassword);
      const created = await this.prisma.$transaction(async (tx) => {
        await userRepository.lockBootstrap(tx);
        if ((await userRepository.countAdmins(tx)) > 0) return false;
        const email = adminEmail.toLowerCase();
        const existing = await userRepository.findByEmail(tx, email);
        const user = existing
          ? await userRepository.update(tx, existing.id, { role: 'admin', disabled: false, passwordHash })
          : await userRepository.create(tx, { email, name: 'Administrator', role: 'admin', passwordHash });
        await recordAudit(tx, SYSTEM_ACTOR, { action: 'user.bootstrap_admin', entityType: 'user', entityId: user.id, data: { email } });
        return true;
      });
      if (created) this.logger.log(`created the first admin (${adminEmail})`);
    } catch (error) {
      this.logger.warn(`could not bootstrap the admin: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
