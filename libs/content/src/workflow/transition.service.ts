import { Injectable } from '@nestjs/common';
import { type Actor, DomainError } from '#common';
import { type Db, emitEvent, PrismaService, recordAudit, wakeWorkers } from '#database';
import { assertCanSee, assertVersion } from '../article/article-access.js';
import { isOwner } from '../policy/access-policy.js';
import { contentOf, toArticleView, type ArticleRow } from '../article/article.mapper.js';
import { articleRepository } from '../article/article.repository.js';
import { commentRepository } from '../article/comment.repository.js';
import type { ArticleView } from '../article/article.types.js';
import { publishProblems } from '../publishing/publish-preconditions.js';
import { NO_PUBLISH_FAILURE, Publisher } from '../publishing/publisher.js';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { revokePreviews } from '../publishing/preview-token.js';
import { type ArticleStatus, decide, type WorkflowAction, type WorkflowContext } from './workflow.js';

export interface TransitionInput {
  action: WorkflowAction;
  comment?: string;
  reason?: string;
  publishAt?: Date;
  correction?: { text: string };
  significantUpdate?: boolean;
}

/** Moves articles through the workflow: the machine decides, this carries it out. */
@Injectable()
export class TransitionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publisher: Publisher,
  ) {}

  async apply(actor: Actor, id: string, expectedVersion: number, input: TransitionInput): Promise<ArticleView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await articleRepository.loadForUpdate(tx, id);
      if (!row) throw DomainError.notFound('Article');
      assertCanSee(actor, row);
      assertVersion(row, expectedVersion);
      await this.perform(tx, actor, row, input, new Date());
      await articleRepository.touch(tx, id, new Date());
      return toArticleView((await articleRepository.load(tx, id))!);
    });
  }

  /** Carries out one action on a locked row (also used by the scheduler as the system). */
  async perform(tx: Db, actor: Actor, row: ArticleRow, input: TransitionInput, now: Date): Promise<void> {
    const decision = decide(input.action, workflowContext(actor, row));
    if (!decision.ok) {
      throw decision.reason === 'forbidden'
        ? DomainError.forbidden(decision.message)
        : new DomainError('invalid_transition', decision.message, { extensions: { currentStatus: row.status } });
    }
    const missing = [];
    if (decision.requires.includes('comment') && !input.comment?.trim()) missing.push({ path: 'comment', message: 'say what needs to change' });
    if (decision.requires.includes('reason') && !input.reason?.trim()) missing.push({ path: 'reason', message: 'a reason is required' });
    if (decision.requires.includes('publishAt') && !input.publishAt) missing.push({ path: 'publishAt', message: 'a publish time is required' });
    if (missing.length) throw DomainError.validation(missing);

    // The note the rule keeps (a submit's comment, an unpublish's reason) goes on the article first.
    const note = decision.note === 'reason' ? input.reason : decision.note === 'comment' ? input.comment : undefined;
    if (note?.trim()) await this.comment(tx, actor, row.id, input.action, note);

    const content = contentOf(row);
    switch (decision.effect) {
      case 'go_live': {
        const problems = await publishProblems(tx, row, content, now);
        if (problems.length) throw new DomainError('publish_precondition_failed', 'The article cannot go live yet', { errors: problems });
        if (content.embargoUntil && Date.parse(content.embargoUntil) > now.getTime()) {
          throw new DomainError('embargoed', `The article is embargoed until ${content.embargoUntil}`, { extensions: { embargoUntil: content.embargoUntil } });
        }
        await this.publisher.publish(tx, actor, row, {
          status: decision.to,
          now,
          correction: input.correction?.text.trim() || undefined,
          significantUpdate: input.significantUpdate,
        });
        break;
      }
      case 'queue_publish': {
        const publishAt = input.publishAt!;
        const errors = await publishProblems(tx, row, content, publishAt);
        if (publishAt.getTime() <= now.getTime()) errors.push({ path: 'publishAt', message: 'must be in the future' });
        if (content.embargoUntil && publishAt.getTime() < Date.parse(content.embargoUntil))
          errors.push({ path: 'publishAt', message: 'must not be before embargoUntil' });
        if (errors.length) throw new DomainError('publish_precondition_failed', 'The article cannot be scheduled', { errors });
        await articleRepository.setState(tx, row.id, { status: decision.to, publishAt, ...NO_PUBLISH_FAILURE });
        await emitEvent(tx, {
          type: 'article.scheduled',
          data: { article: { id: row.id, slug: content.slug, locale: row.locale, headline: content.headline }, publishAt: publishAt.toISOString() },
        });
        await this.audit(tx, actor, row, 'article.scheduled', { publishAt: publishAt.toISOString() });
        await wakeWorkers(tx, 'schedule');
        break;
      }
      case 'take_down':
        await this.publisher.unpublish(tx, actor, row, { status: decision.to, reason: input.reason!.trim() });
        break;
      case 'cancel_schedule':
      case 'none':
        await articleRepository.setState(tx, row.id, { status: decision.to, ...(decision.effect === 'cancel_schedule' ? { publishAt: null } : {}) });
        await this.audit(tx, actor, row, `article.${input.action}`, input.comment ? { comment: input.comment.trim() } : {});
        if (decision.effect === 'cancel_schedule') await notifyContentChange(tx, { kind: 'article', id: row.id });
        break;
    }
    if (decision.endsPreviews) await revokePreviews(tx, row.id);
  }

  private async comment(tx: Db, actor: Actor, articleId: string, kind: string, body: string): Promise<void> {
    await commentRepository.add(tx, { articleId, authorId: actor.userId, body: body.trim(), kind });
  }

  private async audit(tx: Db, actor: Actor, row: ArticleRow, action: string, data: Record<string, string>): Promise<void> {
    await recordAudit(tx, actor, { action, entityType: 'article', entityId: row.id, data: { from: row.status, ...data } });
  }
}

/** What the machine needs to know of a loaded article and its caller. */
export function workflowContext(actor: Actor, row: ArticleRow): WorkflowContext {
  return {
    status: row.status as ArticleStatus,
    isLive: row.liveRevision !== null,
    hasUnpublishedChanges: row.liveRevision !== null && row.liveRevision !== row.currentRevision,
    role: actor.role,
    isOwner: isOwner(actor, row),
  };
}
