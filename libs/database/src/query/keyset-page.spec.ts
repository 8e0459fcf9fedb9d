import { allOf, keysetPage, newestFirst, type SortKey } from './keyset-page.js';

// A small evaluator for the part of Prisma's where language the lists use
// (AND, OR, equality, gt/lt, contains insensitive), so pages are checked
// against the rows they should hold rather than against a where's shape.
type Where = Record<string, unknown>;
function matches(row: Record<string, unknown>, where: Where): boolean {
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'AND') return (condition as Where[]).every((part) => matches(row, part));
    if (key === 'OR') return (condition as Where[]).some((part) => matches(row, part));
    const value = row[key];
    if (condition instanceof Date) return value instanceof Date && value.getTime() === condition.getTime();
    if (typeof condition !== 'object' || condition === null) return value === condition;
    const ops = condition as { gt?: unknown; lt?: unknown; contains?: string };
    const comparable = (input: unknown) => (input instanceof Date ? input.getTime() : (input as string | number));
    if (ops.gt !== undefined && !(comparable(value) > comparable(ops.gt))) return false;
    if (ops.lt !== undefined && !(comparable(value) < comparable(ops.lt))) return false;
    if (ops.contains !== undefined && !String(value).toLowerCase().includes(ops.contains.toLowerCase())) return false;
    return true;
  });
}

function compareBy<Row>(keys: readonly SortKey<Row>[]) {
  return (a: Row, b: Row) => {
    for (const key of keys) {
      const [x, y] = [key.of(a), key.of(b)];
      if (x !== y) return (x < y ? -1 : 1) * (key.direction === 'asc' ? 1 : -1);
    }
    return 0;
  };
}

interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
}
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Duplicate emails and timestamps on purpose: the id breaks ties.
const users: User[] = Array.from({ length: 23 }, (_, n) => ({
  id: uuid(n + 1),
  email: `${['ana', 'bojan', 'cleo', 'dario'][n % 4]}${n % 5}@example.org`,
  name: n % 3 === 0 ? 'Reporter Smith' : 'Editor Jones',
  role: ['contributor', 'editor', 'admin'][n % 3]!,
  createdAt: new Date(Date.UTC(2026, 0, 1 + (n % 6))),
}));

const byEmail: SortKey<User>[] = [
  { field: 'email', direction: 'asc', part: 'string', of: (row) => row.email },
  { field: 'id', direction: 'asc', part: 'uuid', of: (row) => row.id },
];
const newest = newestFirst<User>('createdAt', (row) => row.createdAt);

const filters = {
  role: { role: 'editor' },
  q: { OR: [{ email: { contains: 'BO', mode: 'insensitive' } }, { name: { contains: 'bo', mode: 'insensitive' } }] },
  q2: { OR: [{ name: { contains: 'smith', mode: 'insensitive' } }] },
};
type FilterName = keyof typeof filters;
const names = Object.keys(filters) as FilterName[];
const combinations = Array.from({ length: 1 << names.length }, (_, mask) => names.filter((_, bit) => mask & (1 << bit)));

async function everyPage(keys: SortKey<User>[], active: FilterName[], limit: number): Promise<User[]> {
  const seen: User[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await keysetPage<User, User, Where>({
      limit,
      cursor,
      keys,
      filters: names.map((name) => active.includes(name) && filters[name]),
      find: async ({ where, take }) =>
        users
          .filter((row) => matches(row as never, where))
          .sort(compareBy(keys))
          .slice(0, take),
      map: (row) => row,
    });
    seen.push(...page.data);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('no last page');
}

describe('keysetPage', () => {
  it.each(combinations.flatMap((active) => [1, 2, 5].flatMap((limit) => [['email', active, limit] as const, ['newest', active, limit] as const])))(
    'pages by %s with filters %j at limit %d hold exactly the filtered rows, in order',
    async (order, active, limit) => {
      const keys = order === 'email' ? byEmail : newest;
      const expected = users.filter((row) => active.every((name) => matches(row as never, filters[name]))).sort(compareBy(keys));
      expect(await everyPage(keys, [...active], limit)).toEqual(expected);
    },
  );

  it('keeps a search and the cursor apart (page 2 of a search is still searched)', async () => {
    const where = allOf<Where>(filters.q, { OR: [{ email: { gt: 'x' } }] });
    expect(where).toEqual({ AND: [filters.q, { OR: [{ email: { gt: 'x' } }] }] });
  });

  it('refuses a cursor of another list', async () => {
    const first = await keysetPage<User, User, Where>({ limit: 1, keys: byEmail, find: async () => users.slice(0, 2), map: (row) => row });
    await expect(
      keysetPage<User, User, Where>({ limit: 1, cursor: first.nextCursor!, keys: newest, find: async () => [], map: (row) => row }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
