import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { PrismaService } from '#database';
import { hashPassword } from './password.js';

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
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('dispatch:admin-bootstrap'))`;
        if ((await tx.user.count({ where: { role: 'admin' } })) > 0) return false;
        const email = adminEmail.toLowerCase();
        const existing = await tx.user.findUnique({ where: { email } });
        const user = existing
          ? await tx.user.update({ where: { id: existing.id }, data: { role: 'admin', disabled: false, passwordHash } })
          : await tx.user.create({ data: { email, name: 'Administrator', role: 'admin', passwordHash } });
        await tx.auditEvent.create({
          data: { actorType: 'system', action: 'user.bootstrap_admin', entityType: 'user', entityId: user.id, data: { email } },
        });
        return true;
      });
      if (created) this.logger.log(`created the first admin (${adminEmail})`);
    } catch (error) {
      this.logger.warn(`could not bootstrap the admin: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
