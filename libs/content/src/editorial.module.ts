import { Module } from '@nestjs/common';
import { ArticleService } from './article/article.service.js';
import { CommentService } from './article/comment.service.js';
import { PreviewService } from './article/preview.service.js';
import { RevisionService } from './article/revision.service.js';
import { Publisher } from './publishing/publisher.js';
import { ScheduleService } from './publishing/schedule.service.js';
import { TransitionService } from './workflow/transition.service.js';

/** The editorial use cases (articles, revisions, comments, previews, transitions, publishing, scheduling), shared by the admin API and the worker. */
@Module({
  providers: [ArticleService, RevisionService, CommentService, PreviewService, TransitionService, Publisher, ScheduleService],
  exports: [ArticleService, RevisionService, CommentService, PreviewService, TransitionService, Publisher, ScheduleService],
})
export class EditorialModule {}
