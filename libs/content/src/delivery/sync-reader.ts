import { Injectable } from '@nestjs/common';
import { decodeCursor, DomainError, encodeCursor } from '#common';
import type { ArticleSummary } from './delivery.types.js';
import { DeliveryReader } from './delivery-reader.js';
import { type LiveRow, summaryMediaIds, toSummary } from './representation.js';

export type SyncItem = { op: 'upsert'; id: string; article: ArticleSummary } | { op: 'delete'; id: string; slug: string; locale: string };

export interface SyncPage {
  items: SyncItem[];
  /** Pass back as ?token= to get what changed after this page. */
  syncToken: string;
  /** More changes are waiting: call again with syncToken at once. */
  hasMore: boolean;
}

/**
 * Delta sync over content_change (an append-only log of what went live or
 * came down). The first call (no token) walks everything live; later calls
 * return only what was published, updated or removed since the token.
 */
@Injectable()
export class SyncReader {
  constructor(private readonly reader: DeliveryReader) {}

  async page(token: string | undefined, limit: number): Promise<SyncPage> {
    const state = token ? parseToken(token) : { seq: '0', after: null as string | null, initial: true, upTo: null as string | null };
    if (state.initial) return this.initialPage(state.after, state.upTo, limit);
    return this.deltaPage(state.seq, limit);
  }

  /** All live articles by id, with the change sequence fixed at the first page. */
  private async initialPage(after: string | null, upTo: string | null, limit: number): Promise<SyncPage> {
    const seq = upTo ?? (await this.maxSeq());
    const rows = await this.reader.query<LiveRow>(
      `SELECT article_id, summary, section_id, tag_ids, author_ids, published_at FROM published_article
       WHERE (expire_at IS NULL OR expire_at > now()) ${after ? 'AND article_id > $2::uuid' : ''}
       ORDER BY article_id LIMIT $1`,
      after ? [limit + 1, after] : [limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const items = await this.summaries(page);
    const last = page.at(-1);
    return {
      items,
      syncToken: more && last ? encodeCursor(['initial', last.article_id, seq]) : encodeCursor(['delta', seq, '']),
      hasMore: more,
    };
  }

  private async deltaPage(since: string, limit: number): Promise<SyncPage> {
    const changes = await this.reader.query<{ seq: string; article_id: string; op: string; slug: string; locale: string }>(
      'SELECT seq::text, article_id, op, slug, locale FROM content_change WHERE seq > $1::bigint ORDER BY seq LIMIT $2',
      [since, limit + 1],
    );
    const more = changes.length > limit;
    const page = more ? changes.slice(0, limit) : changes;
    const latest = new Map<string, (typeof page)[number]>();
    for (const change of page) {
      latest.delete(change.article_id);
      latest.set(change.article_id, change);
    }
    const ids = [...latest.keys()];
    const live = ids.length
      ? await this.reader.query<LiveRow>(
          `SELECT article_id, summary, section_id, tag_ids, author_ids, published_at FROM published_article
           WHERE article_id = ANY($1::uuid[]) AND (expire_at IS NULL OR expire_at > now())`,
          [ids],
        )
      : [];
    const summaries = new Map((await this.summaries(live)).map((item) => [item.id, item]));
    const items: SyncItem[] = [...latest.values()].map(
      (change) => summaries.get(change.article_id) ?? { op: 'delete', id: change.article_id, slug: change.slug, locale: change.locale },
    );
    const lastSeq = page.at(-1)?.seq ?? since;
    return { items, syncToken: encodeCursor(['delta', lastSeq, '']), hasMore: more };
  }

  private async summaries(rows: LiveRow[]): Promise<Extract<SyncItem, { op: 'upsert' }>[]> {
    await this.reader.media.prime(summaryMediaIds(rows));
    const composer = await this.reader.composer();
    return rows.map((row) => ({ op: 'upsert', id: row.article_id, article: toSummary(row, composer) }));
  }

  private async maxSeq(): Promise<string> {
    const [row] = await this.reader.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM content_change', []);
    return row?.seq ?? '0';
  }
}

function parseToken(token: string): { seq: string; after: string | null; initial: boolean; upTo: string | null } {
  const [kind, a, b] = decodeCursor(token, ['string', 'string', 'string']) as [string, string, string];
  if (kind === 'initial' && /^[0-9a-f-]{36}$/.test(a) && /^\d{1,19}$/.test(b)) return { seq: b, after: a, initial: true, upTo: b };
  if (kind === 'delta' && /^\d{1,19}$/.test(a)) return { seq: a, after: null, initial: false, upTo: null };
  throw DomainError.validation([{ path: 'token', message: 'not a valid sync token' }]);
}
