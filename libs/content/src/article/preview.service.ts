import { Inject, Injectable } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError } from '#common';
import { PrismaService, recordAudit } from '#database';
import { previewIssuerOf, previewKey, revokePreviews, signPreviewToken } from '../publishing/preview-token.js';
import { assertCanSee } from './article-access.js';
import { articleRepository } from './article.repository.js';
import type { PreviewLinkSchema } from './comment.schema.js';

export type PreviewLink = Static<typeof PreviewLinkSchema>;

const PREVIEW_TTL_MS = 60 * 60_000;

/** Issues (and revokes) links that show a working copy on the delivery API's preview route. */
@Injectable()
export class PreviewService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async issue(actor: Actor, articleId: string): Promise<PreviewLink> {
    const article = await articleRepository.findBrief(this.prisma, articleId);
    if (!article) throw DomainError.notFound('Article');
    assertCanSee(actor, article);
    const expiresAt = new Date(Date.now() + PREVIEW_TTL_MS);
    const token = signPreviewToken(await previewKey(this.prisma, this.config.secretKey), articleId, expiresAt, {
      epoch: article.previewEpoch,
      issuer: previewIssuerOf(actor),
    });
    await recordAudit(this.prisma, actor, {
      action: 'article.preview_issued',
      entityType: 'article',
      entityId: articleId,
      data: { expiresAt: expiresAt.toISOString() },
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      url: `${this.config.delivery.publicUrl}/content/v1/preview/articles/${articleId}?token=${encodeURIComponent(token)}`,
    };
  }

  /** Ends every preview link issued for the article so far (links issued afterwards work). Who may is the route's permission. */
  async revokeAll(actor: Actor, articleId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (!(await articleRepository.findBrief(tx, articleId))) throw DomainError.notFound('Article');
      const epoch = await revokePreviews(tx, articleId);
      await recordAudit(tx, actor, { action: 'article.previews_revoked', entityType: 'article', entityId: articleId, data: { epoch } });
    });
  }
}
