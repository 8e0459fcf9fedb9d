import type { PrismaClient } from '#database';

/** Full-size runs: RELIABILITY_FULL=1 (CI runs the reduced size). */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** Picks the CI or the full size of a knob. */
export function size(ci: number, full: number): number {
  return FULL ? full : ci;
}

/**
 * Prints one suite's figures as a single greppable line
 * (`RELIABILITY <suite> {...}`), the numbers the README reports.
 */
export function report(suite: string, figures: object): void {
  process.stdout.write(`\nRELIABILITY ${suite} ${JSON.stringify(figures)}\n`);
}

/**
 * A digest of every row of every application table, so a refused request
 * can be shown to have changed nothing. Columns that merely record "last
 * seen" (session and token use) are not content and are left out.
 */
export async function fingerprint(prisma: PrismaClient, ignoreTables: string[] = []): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (ignoreTables.includes(name)) continue;
    const columns = await prisma.$queryRaw<{ column: string }[]>`
      SELECT column_name AS column FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ${name} AND column_name NOT IN ('last_used_at') AND data_type <> 'tsvector'
      ORDER BY ordinal_position`;
    const list = columns.map(({ column }) => `"${column}"`).join(', ');
    const [row] = await prisma.$queryRawUnsafe<{ digest: string | null; rows: bigint }[]>(
      `SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) AS digest, count(*) AS rows FROM (SELECT ${list} FROM "${name}") r`,
    );
    out[name] = `${row!.rows}:${row!.digest ?? '-'}`;
  }
  return out;
}

/** The names of tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/** True when a response is RFC 9457 problem+json with a stable code. */
export function isProblem(response: { headers: Headers; body: unknown }): boolean {
  const body = response.body as { code?: unknown; status?: unknown } | undefined;
  return /application\/problem\+json/.test(response.headers.get('content-type') ?? '') && typeof body?.code === 'string' && typeof body?.status === 'number';
}
