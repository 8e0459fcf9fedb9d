import { Injectable } from '@nestjs/common';
import { decodeCursor, DomainError, encodeCursor } from '#common';
import type { SyncItem, SyncPage } from './delivery.types.js';
import { DeliveryReader } from './delivery-reader.js';
import { type LiveRow, summaryMediaIds, toSummary, validUntil } from './representation.js';

/** Where a client stands: the change sequence it has seen, and the moment (epoch ms, by the database's clock) up to which it has heard of expiries. */
interface Position {
  seq: string;
  /** 0 for tokens made before expiries were reported: every expired row still present is reported once. */
  at: string;
}

const LIVE = '(expire_at IS NULL OR expire_at > now())';
const ROW_COLUMNS = 'article_id, summary, section_id, tag_ids, author_ids, published_at, expire_at';
const DB_NOW_MS = 'floor(extract(epoch FROM now()) * 1000)::bigint::text';

/**
 * Delta sync over content_change (an append-only log of what went live or
 * came down). The first call (no token) walks everything live; later calls
 * return only what was published, updated or removed since the token —
 * and, at read time like every other delivery read, what expired since,
 * whether or not the expiry job has taken it down yet.
 */
@Injectable()
export class SyncReader {
  constructor(private readonly reader: DeliveryReader) {}

  async page(token: string | undefined, limit: number): Promise<SyncPage & { validUntil?: number }> {
    const state = token ? parseToken(token) : { initial: true as const, after: null, from: null };
    if (state.initial) return this.initialPage(state.after, state.from, limit);
    return this.deltaPage(state.from, limit);
  }

  /** All live articles by id, with the change sequence and the clock fixed at the first page. */
  private async initialPage(after: string | null, from: Position | null, limit: number): Promise<SyncPage & { validUntil?: number }> {
    const position = from ?? (await this.position());
    const rows = await this.reader.query<LiveRow>(
      `SELECT ${ROW_COLUMNS} FROM published_article
       WHERE ${LIVE} ${after ? 'AND article_id > $2::uuid' : ''}
       ORDER BY article_id LIMIT $1`,
      after ? [limit + 1, after] : [limit + 1],
    );
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
    const [changes, [expiry]] = await Promise.all([
      this.reader.query<{ seq: string; article_id: string; op: string; slug: string; locale: string }>(
        'SELECT seq::text, article_id, op, slug, locale FROM content_change WHERE seq > $1::bigint ORDER BY seq LIMIT $2',
        [from.seq, limit + 1],
      ),
      // Expired since the token and not yet taken down by the expiry job (which logs a change when it does).
      this.reader.query<{ until: string; expired: { id: string; slug: string; locale: string }[] }>(
        `SELECT ${DB_NOW_MS} AS until,
           coalesce(json_agg(json_build_object('id', article_id, 'slug', slug, 'locale', locale) ORDER BY expire_at, article_id), '[]') AS expired
         FROM published_article WHERE expire_at > to_timestamp($1::bigint / 1000.0) AND expire_at <= now()`,
        [from.at],
      ),
    ]);
    const more = changes.length > limit;
    const page = more ? changes.slice(0, limit) : changes;
    const latest = new Map<string, (typeof page)[number]>();
    for (const change of page) {
      latest.delete(change.article_id);
      latest.set(change.article_id, change);
    }
    const ids = [...latest.keys()];
    const live = ids.length
      ? await this.reader.query<LiveRow>(`SELECT ${ROW_COLUMNS} FROM published_article WHERE article_id = ANY($1::uuid[]) AND ${LIVE}`, [ids])
      : [];
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
    const [row] = await this.reader.query<Position>(`SELECT coalesce(max(seq), 0)::text AS seq, ${DB_NOW_MS} AS at FROM content_change`, []);
    return row ?? { seq: '0', at: '0' };
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
