import { Injectable, Logger } from '@nestjs/common';
import { DomainError, domainErrorFromDatabase, SYSTEM_ACTOR } from '#common';
import { type Db, emitEvent, PrismaService, recordAudit } from '#database';
import type { ArticleRow } from '../article/article.mapper.js';
import { articleRepository } from '../article/article.repository.js';
import { commentRepository } from '../article/comment.repository.js';
import { TransitionService, workflowContext } from '../workflow/transition.service.js';
import { type ArticleStatus, decide } from '../workflow/workflow.js';
import { revokePreviews } from './preview-token.js';
import { publishRetryAt } from './publish-retry.js';
import { Publisher } from './publisher.js';
import { scheduleRepository } from './schedule.repository.js';

const BATCH = 20;

/**
 * Scheduled publishing and expiry, run by workers. Each due article is
 * claimed with FOR UPDATE SKIP LOCKED inside its own transaction, so with any
 * number of workers each is published (or expired) exactly once, one that
 * fails cannot hold back the others, and whatever fell due while no worker
 * ran is caught up on the next pass.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger('Schedule');
  private readonly publishedListeners = new Set<(latenessSeconds: number) => void>();
  /** Scheduled publishes that failed (to be retried or handed back); a plain counter for the metrics. */
  publishFailures = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly transitions: TransitionService,
    private readonly publisher: Publisher,
  ) {}

  /** Publishes scheduled articles whose time (or retry time) has come; returns how many it handled. */
  async publishDue(): Promise<number> {
    const due = await scheduleRepository.dueToPublish(this.prisma, BATCH);
    let handled = 0;
    for (const id of due) {
      try {
        if (await this.publishOne(id)) handled++;
      } catch (error) {
        // Not even the failure could be recorded (the database went away): the next pass tries again.
        this.logger.warn(`scheduled publish of ${id} failed and was not recorded: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return handled;
  }

  /** Calls `listener` after each scheduled publish commits, with how late it went live: seconds past its publishAt. */
  onScheduledPublish(listener: (latenessSeconds: number) => void): void {
    this.publishedListeners.add(listener);
  }

  /** One due article in one transaction; false when another worker has it or it is no longer due. */
  private async publishOne(id: string): Promise<boolean> {
    let lateness: number | undefined;
    const handled = await this.prisma.$transaction(async (tx) => {
      const claimed = await scheduleRepository.claimDue(tx, id);
      if (!claimed) return false;
      const row = (await articleRepository.load(tx, id))!;
      const now = new Date();
      await scheduleRepository.savepoint(tx);
      try {
        await this.transitions.perform(tx, SYSTEM_ACTOR, row, { action: 'publish' }, now);
        await articleRepository.touch(tx, id, now);
        if (row.publishAt) lateness = (now.getTime() - row.publishAt.getTime()) / 1000;
      } catch (error) {
        await scheduleRepository.rollbackToSavepoint(tx);
        await this.recordFailure(tx, row, claimed.publishAttempts + 1, error, now);
        this.publishFailures++;
      }
      return true;
    });
    if (lateness !== undefined) for (const listener of this.publishedListeners) listener(lateness);
    return handled;
  }

  /**
   * Records a failed attempt on the article, in the audit log and as an
   * `article.publish_failed` event. A story that cannot go live as it stands
   * (a credit removed, too large to index) goes back to the desk at once;
   * anything else is retried with backoff, a few times, then handed back too.
   */
  private async recordFailure(tx: Db, row: ArticleRow, attempt: number, error: unknown, now: Date): Promise<void> {
    const domain = error instanceof DomainError ? error : domainErrorFromDatabase(error);
    const retryAt = domain ? null : publishRetryAt(attempt, now);
    const lastError = domain
      ? `The story could not be published: ${domain.message}${domain.errors ? ` (${domain.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})` : ''}`
      : 'The story could not be published because of an unexpected error';
    if (domain) this.logger.warn(`scheduled publish of ${row.id} failed: ${domain.message}`);
    else this.logger.error(`scheduled publish of ${row.id} failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`);

    await articleRepository.setState(
      tx,
      row.id,
      {
        publishAttempts: attempt,
        lastPublishError: lastError,
        nextPublishAttemptAt: retryAt,
        // Handed back: the system unschedules it, as the machine says an unschedule ends.
        ...(retryAt ? {} : { status: systemMove('unschedule', row).to }),
      },
      now,
    );
    if (!retryAt) {
      await commentRepository.add(tx, { articleId: row.id, kind: 'schedule_failed', body: `${lastError}. It is back with the desk.` });
    }
    const outcome = {
      attempt,
      code: domain?.code ?? 'internal_error',
      error: lastError,
      willRetry: retryAt !== null,
      nextAttemptAt: retryAt?.toISOString() ?? null,
    };
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'article.publish_failed', entityType: 'article', entityId: row.id, data: outcome });
    await emitEvent(tx, {
      type: 'article.publish_failed',
      data: { article: { id: row.id, slug: row.slug, locale: row.locale, headline: row.headline }, ...outcome },
    });
  }

  /** Takes expired articles off the site; returns how many it handled. */
  async expireDue(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const due = await scheduleRepository.claimExpired(tx, BATCH);
      for (const id of due) {
        const row = (await articleRepository.load(tx, id))!;
        // Expiry is the system's unpublish: the same target status, and it ends the preview links too.
        const move = systemMove('unpublish', row);
        await this.publisher.unpublish(tx, SYSTEM_ACTOR, row, { status: move.to, reason: 'expired', auditAction: 'article.expired' });
        if (move.endsPreviews) await revokePreviews(tx, id);
        await articleRepository.touch(tx, id, new Date());
      }
      return due.length;
    });
  }
}

/** The machine's answer for a move the system makes on its own; a refusal here is a broken invariant, not a user error. */
function systemMove(action: 'unschedule' | 'unpublish', row: ArticleRow): { to: ArticleStatus; endsPreviews: boolean } {
  const decision = decide(action, workflowContext(SYSTEM_ACTOR, row));
  if (!decision.ok) throw new Error(`the workflow refuses the system's ${action} of ${row.id}: ${decision.message}`);
  return decision;
}
