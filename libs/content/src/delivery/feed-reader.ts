import { Injectable } from '@nestjs/common';
import { PrismaService } from '#database';
import { blockMediaIds } from '../article/blocks.js';
import type { Block } from '../article/blocks.js';
import type { PublicBlock } from './delivery.types.js';
import { blocksToHtml } from './html.js';
import { MediaCache } from './media-cache.js';
import { publishedArticleRepository } from './published-article.repository.js';
import { soonest, withSpans } from './representation.js';

/** When each sitemap of the index last changed. */
export interface SitemapLastmods {
  /** Live articles in all. */
  count: number;
  /** Newest change per article sitemap page (index 0 is articles-1.xml). */
  pages: Date[];
  /** Newest change among the news sitemap's articles (the last 48 hours), if any. */
  news: Date | null;
  /** Epoch ms when the next live article expires. */
  validUntil?: number;
}

/**
 * The reads only feeds and sitemaps need, over the same live read model
 * as DeliveryReader: article bodies for full-content feeds and the
 * sitemap index's lastmod per sitemap.
 */
@Injectable()
export class FeedReader {
  constructor(
    private readonly prisma: PrismaService,
    private readonly media: MediaCache,
  ) {}

  /**
   * The bodies of these live articles as sanitized HTML (html.ts), by
   * article id. Images and audio resolve as on the article page (a
   * withdrawn asset drops out); Read-more cards are site furniture and are
   * left out, so a feed never links a story that is no longer live.
   */
  async bodiesHtml(articleIds: string[]): Promise<{ html: Map<string, string>; validUntil?: number }> {
    if (articleIds.length === 0) return { html: new Map() };
    const rows = await publishedArticleRepository.bodies(this.prisma.pool, articleIds);
    const mediaIds = rows.flatMap((row) => blockMediaIds(row.body));
    await this.media.prime(mediaIds);
    const now = Date.now();
    const html = new Map(rows.map((row) => [row.article_id, blocksToHtml(row.body.flatMap((block) => this.resolve(block, now)))]));
    return { html, validUntil: soonest(now, this.media.expiresAt(mediaIds, now)) };
  }

  /** lastmod for every sitemap of the index: the newest update on each article page (paged as sitemapPage pages), and in the news window. */
  async sitemapLastmods(pageSize: number, newsSince: Date): Promise<SitemapLastmods> {
    const [pages, summary] = await Promise.all([
      publishedArticleRepository.sitemapPageLastmods(this.prisma.pool, pageSize),
      publishedArticleRepository.liveSummary(this.prisma.pool, newsSince),
    ]);
    return {
      count: summary?.n ?? 0,
      pages: pages.map((row) => row.lastmod),
      news: summary?.news ?? null,
      validUntil: soonest(Date.now(), summary?.next?.getTime()),
    };
  }

  private resolve(block: Block, now: number): PublicBlock[] {
    switch (block.type) {
      case 'image': {
        const image = this.media.image(block.mediaId, now);
        return image ? [{ type: 'image', image, ...(block.caption ? { caption: block.caption } : {}) }] : [];
      }
      case 'audio': {
        const audio = this.media.audio(block.mediaId, now);
        return audio ? [{ type: 'audio', audio }] : [];
      }
      case 'related':
        return [];
      default:
        return [withSpans(block)];
    }
  }
}
