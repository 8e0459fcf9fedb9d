import { Injectable, Logger } from '@nestjs/common';
import { DomainError, SYSTEM_ACTOR } from '#common';
import { PrismaService, recordAudit } from '#database';
import { articleRepository } from '../articles/article.repository.js';
import { TransitionService } from '../workflow/transition.service.js';
import { revokePreviews } from './preview-token.js';
import { Publisher } from './publisher.js';

const BATCH = 20;

/**
 * Scheduled publishing and expiry, run by workers. Each due row is claimed
 * with FOR UPDATE SKIP LOCKED inside the transaction that acts on it, so with
 * any number of workers each article is published (or expired) exactly once,
 * and whatever fell due while no worker ran is caught up on the next pass.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger('Schedule');

  constructor(
    private readonly prisma: PrismaService,
    private readonly transitions: TransitionService,
    private readonly publisher: Publisher,
  ) {}

  /** Publishes scheduled articles whose time has come; returns how many it handled. */
  async publishDue(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM article WHERE status = 'scheduled' AND publish_at <= now()
        ORDER BY publish_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      for (const { id } of due) {
        const row = (await articleRepository.load(tx, id))!;
        await tx.$executeRaw`SAVEPOINT scheduled_publish`;
        try {
          await this.transitions.perform(tx, SYSTEM_ACTOR, row, { action: 'publish' }, new Date());
          await tx.article.update({ where: { id }, data: { version: { increment: 1 }, modifiedAt: new Date() } });
        } catch (error) {
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT scheduled_publish`;
          if (!(error instanceof DomainError)) throw error;
          // The story cannot go live as it stands (e.g. a credit was removed): hand it back to the desk.
          this.logger.warn(`scheduled publish of ${id} failed: ${error.message}`);
          await tx.article.update({ where: { id }, data: { status: 'approved', version: { increment: 1 }, modifiedAt: new Date() } });
          await tx.articleComment.create({
            data: {
              articleId: id,
              kind: 'schedule_failed',
              body: `Scheduled publishing failed: ${error.message}${error.errors ? ` (${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})` : ''}`,
            },
          });
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'article.schedule_failed',
            entityType: 'article',
            entityId: id,
            data: { code: error.code, detail: error.message },
          });
        }
      }
      return due.length;
    });
  }

  /** Takes expired articles off the site; returns how many it handled. */
  async expireDue(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT a.id FROM published_article p JOIN article a ON a.id = p.article_id
        WHERE p.expire_at <= now() ORDER BY p.expire_at LIMIT ${BATCH} FOR UPDATE OF a, p SKIP LOCKED`;
      for (const { id } of due) {
        const row = (await articleRepository.load(tx, id))!;
        await this.publisher.unpublish(tx, SYSTEM_ACTOR, row, 'expired', 'article.expired');
        // Like an editor's unpublish, expiry ends the story's preview links.
        await revokePreviews(tx, id);
        await tx.article.update({ where: { id }, data: { version: { increment: 1 }, modifiedAt: new Date() } });
      }
      return due.length;
    });
  }
}
