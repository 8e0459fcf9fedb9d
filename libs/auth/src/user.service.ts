import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, isUniqueViolation, type Page, type Role } from '#common';
import { PrismaService, recordAudit } from '#database';
import { hashPassword } from './password.js';
import { sessionRepository } from './session.repository.js';
import { toUserView, type UserView } from './user.mapper.js';
import { userRepository, type UserListQuery } from './user.repository.js';

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

  async list(query: UserListQuery): Promise<Page<UserView>> {
    return userRepository.page(this.prisma, query, toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await userRepository.find(this.prisma, id);
    if (!user) throw DomainError.notFound('User');
    return toUserView(user);
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (await userRepository.findByEmail(tx, email)) throw emailInUse();
        const user = await userRepository.create(tx, { email, name: input.name.trim(), role: input.role, passwordHash });
        await recordAudit(tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, data: { email, role: input.role } });
        return toUserView(user);
      });
    } catch (error) {
      // Another request took the email between the check and the insert.
      if (isUniqueViolation(error, 'email')) throw emailInUse();
      throw error;
    }
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.prisma.$transaction(async (tx) => {
      // Lock the admins while deciding, so two requests cannot remove the last two at once.
      await userRepository.lockAdmins(tx);
      const user = await userRepository.find(tx, id);
      if (!user) throw DomainError.notFound('User');
      const losesAdmin = user.role === 'admin' && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
      if (losesAdmin && (await userRepository.countOtherActiveAdmins(tx, id)) === 0) {
        throw new DomainError('conflict', 'Dispatch needs at least one active admin');
      }
      const updated = await userRepository.update(tx, id, { name: input.name?.trim(), role: input.role, disabled: input.disabled, passwordHash });
      if (input.role !== undefined && input.role !== user.role) {
        await recordAudit(tx, actor, { action: 'user.role_changed', entityType: 'user', entityId: id, data: { from: user.role, to: input.role } });
      }
      if (input.disabled !== undefined && input.disabled !== user.disabled) {
        await recordAudit(tx, actor, { action: input.disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: id });
        if (input.disabled) await sessionRepository.revokeAllOf(tx, id, new Date());
      }
      if (passwordHash) {
        await recordAudit(tx, actor, { action: 'user.password_changed', entityType: 'user', entityId: id });
        await sessionRepository.revokeAllOf(tx, id, new Date());
      }
      if (input.name !== undefined && input.name !== user.name) {
        await recordAudit(tx, actor, { action: 'user.updated', entityType: 'user', entityId: id, data: { fields: ['name'] } });
      }
      return toUserView(updated);
    });
  }
}

function emailInUse(): DomainError {
  return new DomainError('conflict', 'A user with this email already exists', { errors: [{ path: 'email', message: 'already in use' }] });
}
