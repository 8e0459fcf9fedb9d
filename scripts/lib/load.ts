import { PrismaPg } from '@prisma/adapter-pg';
import { hashPassword, hashToken, newToken, SESSION_PREFIX } from '#auth';
import { PrismaClient } from '#database';

export interface LoadOptions {
  adminUrl: string;
  deliveryUrl: string;
  databaseUrl: string;
  editors: number;
  readers: number;
  durationMs: number;
}

export interface LoadFigures {
  editors: number;
  readers: number;
  seconds: number;
  writesAccepted: number;
  writesConflicted: number;
  publishes: number;
  reads: number;
  readsPerSecond: number;
  fiveXx: number;
  lostUpdates: number;
  draftReads: number;
}

/**
 * N editors edit and publish their own stories while M readers hit delivery.
 * Afterwards: every accepted write must be a revision (no lost update), and
 * no reader may have seen a headline that was never published (no draft read:
 * every headline is first written as a draft marker, then published).
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl, max: 2 }) });
  const figures: LoadFigures = {
    editors: options.editors,
    readers: options.readers,
    seconds: options.durationMs / 1000,
    writesAccepted: 0,
    writesConflicted: 0,
    publishes: 0,
    reads: 0,
    readsPerSecond: 0,
    fiveXx: 0,
    lostUpdates: 0,
    draftReads: 0,
  };
  try {
    const section = await prisma.section.upsert({ where: { slug: 'load' }, create: { slug: 'load', name: 'Load' }, update: {} });
    const passwordHash = await hashPassword(newToken('pw'), { N: 1024, r: 8, p: 1 });
    const auths: { authorization: string }[] = [];
    for (let i = 0; i < options.editors; i++) {
      const user = await prisma.user.create({ data: { email: `load-${Date.now()}-${i}@example.test`, name: `Load ${i}`, role: 'editor', passwordHash } });
      const token = newToken(SESSION_PREFIX);
      await prisma.session.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000) } });
      auths.push({ authorization: `Bearer ${token}` });
    }
    const json = async (method: string, url: string, auth: { authorization: string } | undefined, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...auth, ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (response.status >= 500) figures.fiveXx++;
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const accepted = new Map<string, string[]>();
    const published = new Set<string>();
    const deadline = Date.now() + options.durationMs;

    const editor = async (auth: { authorization: string }, index: number) => {
      const created = await json('POST', `${options.adminUrl}/articles`, auth, { headline: `load-${index}-0`, sectionId: section.id });
      const id = created.body.id as string;
      accepted.set(id, [`load-${index}-0`]);
      let version = created.body.version as number;
      // Each editor makes at least one edit and one publish, however slow the machine is by the time it starts (bounded).
      let own = 0;
      const keepGoing = () => Date.now() < deadline || (own < 2 && Date.now() < deadline + 30_000);
      for (let n = 1; keepGoing(); n++) {
        const headline = `load-${index}-${n}`;
        const edit = await json('PATCH', `${options.adminUrl}/articles/${id}`, auth, { headline }, { 'if-match': `"${version}"` });
        if (edit.status === 412) figures.writesConflicted++;
        if (edit.status !== 200) {
          version = (await json('GET', `${options.adminUrl}/articles/${id}`, auth)).body.version as number;
          continue;
        }
        figures.writesAccepted++;
        own++;
        accepted.get(id)!.push(headline);
        version = edit.body.version as number;
        if (n % 2 === 0) {
          const publish = await json('POST', `${options.adminUrl}/articles/${id}/transitions`, auth, { action: 'publish' }, { 'if-match': `"${version}"` });
          if (publish.status === 200) {
            figures.publishes++;
            published.add(headline);
            version = publish.body.version as number;
          }
        }
      }
    };
    const seen = new Set<string>();
    const reader = async () => {
      while (Date.now() < deadline) {
        const list = await json('GET', `${options.deliveryUrl}/articles?section=load&limit=50`, undefined);
        figures.reads++;
        for (const item of (list.body.data as { headline: string; slug: string }[] | undefined) ?? []) seen.add(item.headline);
      }
    };
    await Promise.all([...auths.map((auth, i) => editor(auth, i)), ...Array.from({ length: options.readers }, reader)]);

    for (const [id, headlines] of accepted) {
      const revisions = await prisma.articleRevision.findMany({ where: { articleId: id }, select: { content: true } });
      const stored = new Set(revisions.map((revision) => (revision.content as { headline: string }).headline));
      figures.lostUpdates += headlines.filter((headline) => !stored.has(headline)).length;
    }
    figures.draftReads = [...seen].filter((headline) => !published.has(headline)).length;
    figures.readsPerSecond = Math.round(figures.reads / figures.seconds);
    return figures;
  } finally {
    await prisma.$disconnect();
  }
}
