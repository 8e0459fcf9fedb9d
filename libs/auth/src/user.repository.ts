import type { Page, Role } from '#common';
import { type Db, keysetPage, type Prisma, type SortKey, type User } from '#database';

export interface UserListQuery {
  limit: number;
  cursor?: string;
  role?: Role;
  /** Matches the email or the name, ignoring case. */
  q?: string;
}

/** The people list's order: by email, which is unique already; the id only makes the cursor total. */
const BY_EMAIL: SortKey<User>[] = [
  { field: 'email', direction: 'asc', part: 'string', of: (row) => row.email },
  { field: 'id', direction: 'asc', part: 'uuid', of: (row) => row.id },
];

/** The user table: the people who sign in to the admin API. */
export const userRepository = {
  /** One page of users, by email. */
  async page<View>(db: Db, query: UserListQuery, map: (row: User) => View): Promise<Page<View>> {
    return keysetPage<User, View, Prisma.UserWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: BY_EMAIL,
      filters: [
        query.role && { role: query.role },
        query.q ? { OR: [{ email: { contains: query.q, mode: 'insensitive' } }, { name: { contains: query.q, mode: 'insensitive' } }] } : undefined,
      ],
      find: (args) => db.user.findMany(args),
      map,
    });
  },

  async find(db: Db, id: string): Promise<User | null> {
    return db.user.findUnique({ where: { id } });
  },

  /** `email` as stored: trimmed and lower-cased. */
  async findByEmail(db: Db, email: string): Promise<User | null> {
    return db.user.findUnique({ where: { email } });
  },

  async create(db: Db, data: { email: string; name: string; role: Role; passwordHash: string }): Promise<User> {
    return db.user.create({ data });
  },

  /** Changes the given fields; an undefined field is left as it is. */
  async update(db: Db, id: string, data: { name?: string; role?: Role; disabled?: boolean; passwordHash?: string }): Promise<User> {
    return db.user.update({ where: { id }, data });
  },

  async recordLogin(db: Db, id: string, at: Date): Promise<void> {
    await db.user.update({ where: { id }, data: { lastLoginAt: at } });
  },

  /** Admins, disabled or not. */
  async countAdmins(db: Db): Promise<number> {
    return db.user.count({ where: { role: 'admin' } });
  },

  /** Enabled admins other than `id`: who would be left if `id` stopped being one. */
  async countOtherActiveAdmins(db: Db, id: string): Promise<number> {
    return db.user.count({ where: { role: 'admin', disabled: false, id: { not: id } } });
  },

  /**
   * Serializes changes to who is an admin until the transaction ends, so two
   * requests cannot each remove one of the last two admins.
   */
  async lockAdmins(db: Db): Promise<void> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('dispatch:users'))`;
  },

  /** Serializes the first-admin bootstrap of instances starting together, until the transaction ends. */
  async lockBootstrap(db: Db): Promise<void> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('dispatch:admin-bootstrap'))`;
  },
};
