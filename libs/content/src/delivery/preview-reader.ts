import { Inject, Injectable } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig, DomainError, isUuid } from '#common';
import { PrismaService } from '#database';
import { contentOf } from '../article/article.mapper.js';
import { articleRepository } from '../article/article.repository.js';
import { previewIssuerActive, previewKey, verifyPreviewToken } from '../publishing/preview-token.js';
import { publishedArticleRepository } from '../publishing/published-article.repository.js';
import { snapshotDocument } from '../publishing/snapshot.js';
import type { FullArticle } from './delivery.types.js';
import { DeliveryReader } from './delivery-reader.js';

/**
 * The one place delivery shows a working copy: only with a valid, unexpired
 * preview token bound to that article, not revoked since (by the article's
 * preview epoch) and whose issuer is still active. Never cached. The
 * preview's media URLs carry the token, since its media need not be public yet.
 */
@Injectable()
export class PreviewReader {
  private key?: Promise<Buffer>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly reader: DeliveryReader,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async preview(articleId: string, token: string): Promise<FullArticle & { preview: { status: string; revision: number } }> {
    const grant = verifyPreviewToken(await this.previewKey(), token, articleId);
    if (!grant) throw DomainError.forbidden('The preview link is invalid or has expired');
    const [row, issuerActive] = await Promise.all([articleRepository.load(this.prisma, articleId), previewIssuerActive(this.prisma, grant.issuer)]);
    if (!row) throw DomainError.notFound('Article');
    if (row.previewEpoch !== grant.epoch || !issuerActive) throw DomainError.forbidden('The preview link has been revoked');
    const content = contentOf(row);
    const corrections = await publishedArticleRepository.corrections(this.prisma, articleId);
    const publishedAt = row.firstPublishedAt ?? row.modifiedAt;
    const document = snapshotDocument(row, content, { publishedAt, updatedAt: row.publicUpdatedAt ?? row.modifiedAt }, corrections);
    const article = await this.reader.compose({
      article_id: row.id,
      summary: document,
      document,
      section_id: content.sectionId ?? '',
      tag_ids: content.tagIds,
      author_ids: content.authorIds,
      published_at: publishedAt,
      translation_group_id: row.translationGroupId,
      etag: '',
    });
    return {
      ...withPreviewToken(article, `${this.config.delivery.publicUrl}/content/v1/media/`, token),
      preview: { status: row.status, revision: row.currentRevision },
    };
  }

  /** True when `token` is a valid, unrevoked preview token of an article whose working copy uses the asset. */
  async grantsMedia(token: string, mediaId: string): Promise<boolean> {
    const articleId = token.split('.', 1)[0]!;
    if (!isUuid(articleId)) return false;
    const grant = verifyPreviewToken(await this.previewKey(), token, articleId);
    if (!grant) return false;
    const [epoch, uses, issuerActive] = await Promise.all([
      articleRepository.previewEpoch(this.prisma, articleId),
      articleRepository.usesMedia(this.prisma, articleId, mediaId),
      previewIssuerActive(this.prisma, grant.issuer),
    ]);
    return uses && epoch === grant.epoch && issuerActive;
  }

  /** The signing key, looked up once; a failed lookup is not kept, so the next request tries again. */
  private previewKey(): Promise<Buffer> {
    this.key ??= previewKey(this.prisma, this.config.secretKey).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}

/** The same representation with `?token=` on every delivery media URL in it (renditions, srcsets, audio, og image, JSON-LD). */
export function withPreviewToken<T>(value: T, mediaBase: string, token: string): T {
  const query = `token=${encodeURIComponent(token)}`;
  // A srcset holds several URLs (`<url> 320w, <url> 640w`): each gets the token. Media URLs hold no spaces or commas.
  const url = new RegExp(`${mediaBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s,]*`, 'g');
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'string' && item.includes(mediaBase) ? item.replace(url, (found) => `${found}${found.includes('?') ? '&' : '?'}${query}`) : item,
  ) as T;
}
