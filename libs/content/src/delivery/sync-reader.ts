import { Injectable } from '@nestjs/common';
import { decodeCursor, DomainError, encodeCursor } from '#common';
import { PrismaService } from '#database';
import type { SyncItem, SyncPage } from './delivery.types.js';
import { DeliveryReader } from './delivery-reader.js';
import { publishedArticleRepository } from './published-article.repository.js';
import { type LiveRow, summaryMediaIds, toSummary, validUntil } from './representation.js';

/** Where a client stands: the change sequence it has seen, and the moment (epoch ms, by the database's clock) up to which it has heard of expiries. */
interface Position {
  seq: string;
  /** 0 for tokens made before expiries were reported: every expired row still present is reported once. */
  at: string;
}

/**
 * Delta sync over content_change (an append-only log of what went live or
 * came down). The first call (no token) walks everything live; later calls
 * return only what was published, updated or removed since the token —
 * and, at read time like every other delivery read, what expired since,
 * whether or not the expiry job has taken it down yet.
 */
@Injectable()
export class SyncReader {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reader: DeliveryReader,
  ) {}

  async page(token: string | undefined, limit: number): Promise<SyncPage & { validUntil?: number }> {
    const state = token ? parseToken(token) : { initial: true as const, after: null, from: null };
    if (state.initial) return this.initialPage(state.after, state.from, limit);
    return this.deltaPage(state.from, limit);
  }

  /** All live articles by id, with the change sequence and the clock fixed at the first page. */
  private async initialPage(after: string | null, from: Position | null, limit: number): Promise<SyncPage & { validUntil?: number }> {
    const position = from ?? (await this.position());
    const rows = await publishedArticleRepository.liveRowsById(this.prisma.pool, after, limit + 1);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const items = await this.summaries(page);
    const last = page.at(-1);
    return {
      items,
      syncToken:
        more && last ? encodeCursor(['initial', last.article_id, `${position.seq}:${position.at}`]) : encodeCursor(['delta', position.seq, position.at]),
      hasMore: more,
      validUntil: validUntil(page, this.reader.media, summaryMediaIds(page)),
    };
  }

  private async deltaPage(from: Position, limit: number): Promise<SyncPage & { validUntil?: number }> {
    const [changes, expiry] = await Promise.all([
      publishedArticleRepository.changesSince(this.prisma.pool, from.seq, limit + 1),
      // Expired since the token and not yet taken down by the expiry job.
      publishedArticleRepository.expiredSince(this.prisma.pool, from.at),
    ]);
    const more = changes.length > limit;
    const page = more ? changes.slice(0, limit) : changes;
    const latest = new Map<string, (typeof page)[number]>();
    for (const change of page) {
      latest.delete(change.article_id);
      latest.set(change.article_id, change);
    }
    const ids = [...latest.keys()];
    const live = ids.length ? await publishedArticleRepository.liveRows(this.prisma.pool, ids) : [];
    const summaries = new Map((await this.summaries(live)).map((item) => [item.id, item]));
    const items: SyncItem[] = [...latest.values()].map(
      (change) => summaries.get(change.article_id) ?? { op: 'delete', id: change.article_id, slug: change.slug, locale: change.locale },
    );
    for (const gone of expiry?.expired ?? []) if (!latest.has(gone.id)) items.push({ op: 'delete', ...gone });
    const lastSeq = page.at(-1)?.seq ?? from.seq;
    return {
      items,
      syncToken: encodeCursor(['delta', lastSeq, expiry?.until ?? from.at]),
      hasMore: more,
      validUntil: validUntil(live, this.reader.media, summaryMediaIds(live)),
    };
  }

  private async summaries(rows: LiveRow[]): Promise<Extract<SyncItem, { op: 'upsert' }>[]> {
    await this.reader.media.prime(summaryMediaIds(rows));
    const composer = await this.reader.composer();
    return rows.map((row) => ({ op: 'upsert', id: row.article_id, article: toSummary(row, composer) }));
  }

  /** The newest change and the database's clock, read together. */
  private async position(): Promise<Position> {
    return (await publishedArticleRepository.position(this.prisma.pool)) ?? { seq: '0', at: '0' };
  }
}

/** Initial tokens carry `seq:at` (older ones just `seq`); delta tokens carry seq and at (older ones an empty at). */
function parseToken(token: string): { initial: true; after: string; from: Position } | { initial: false; after: null; from: Position } {
  const [kind, a, b] = decodeCursor(token, ['string', 'string', 'string']) as [string, string, string];
  if (kind === 'initial' && /^[0-9a-f-]{36}$/.test(a)) {
    const position = /^(\d{1,19})(?::(\d{1,15}))?$/.exec(b);
    if (position) return { initial: true, after: a, from: { seq: position[1]!, at: position[2] ?? '0' } };
  }
  if (kind === 'delta' && /^\d{1,19}$/.test(a) && /^\d{0,15}$/.test(b)) return { initial: false, after: null, from: { seq: a, at: b || '0' } };
  throw DomainError.validation([{ path: 'token', message: 'not a valid sync token' }]);
}
