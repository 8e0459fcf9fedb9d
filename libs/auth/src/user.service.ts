import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, type Page, type Role, toPage } from '#common';
import { PrismaService, recordAudit } from '#database';
import { hashPassword } from './password.js';
import { toUserView, type UserView } from './user.mapper.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

/** People management (admin only at the route level). */
@Injectable()
export class UserService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: { limit: number; cursor?: string; role?: Role; q?: string }): Promise<Page<UserView>> {
    const after = query.cursor ? decodeCursor(query.cursor, ['string', 'uuid']) : undefined;
    const rows = await this.prisma.user.findMany({
      // Each condition its own AND member: the text search and the cursor are both an OR, and one would replace the other.
      where: {
        AND: [
          ...(query.role ? [{ role: query.role }] : []),
          ...(query.q
            ? [{ OR: [{ email: { contains: query.q, mode: 'insensitive' as const } }, { name: { contains: query.q, mode: 'insensitive' as const } }] }]
            : []),
          ...(after ? [{ OR: [{ email: { gt: after[0] as string } }, { email: after[0] as string, id: { gt: after[1] as string } }] }] : []),
        ],
      },
      orderBy: [{ email: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => [row.email, row.id], toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.prisma.user.findUnique({ where: { id } });
    if (!user) throw DomainError.notFound('User');
    return toUserView(user);
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email } })) {
        throw new DomainError('conflict', 'A user with this email already exists', { errors: [{ path: 'email', message: 'already in use' }] });
      }
      const user = await tx.user.create({ data: { email, name: input.name.trim(), role: input.role, passwordHash } });
      await recordAudit(tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, data: { email, role: input.role } });
      return toUserView(user);
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.prisma.$transaction(async (tx) => {
      // Lock the admins while deciding, so two requests cannot remove the last two at once.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('dispatch:users'))`;
      const user = await tx.user.findUnique({ where: { id } });
      if (!user) throw DomainError.notFound('User');
      const losesAdmin = user.role === 'admin' && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
      if (losesAdmin && (await tx.user.count({ where: { role: 'admin', disabled: false, id: { not: id } } })) === 0) {
        throw new DomainError('conflict', 'Dispatch needs at least one active admin');
      }
      const updated = await tx.user.update({
        where: { id },
        data: { name: input.name?.trim(), role: input.role, disabled: input.disabled, passwordHash },
      });
      if (input.role !== undefined && input.role !== user.role) {
        await recordAudit(tx, actor, { action: 'user.role_changed', entityType: 'user', entityId: id, data: { from: user.role, to: input.role } });
      }
      if (input.disabled !== undefined && input.disabled !== user.disabled) {
        await recordAudit(tx, actor, { action: input.disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: id });
        if (input.disabled) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      if (passwordHash) {
        await recordAudit(tx, actor, { action: 'user.password_changed', entityType: 'user', entityId: id });
        await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      if (input.name !== undefined && input.name !== user.name) {
        await recordAudit(tx, actor, { action: 'user.updated', entityType: 'user', entityId: id, data: { fields: ['name'] } });
      }
      return toUserView(updated);
    });
  }
}
