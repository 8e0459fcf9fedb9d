import { Module } from '@nestjs/common';
import { ArticleService } from './articles/article.service.js';
import { CommentService } from './articles/comment.service.js';
import { PreviewService } from './articles/preview.service.js';
import { RevisionService } from './articles/revision.service.js';
import { Publisher } from './publishing/publisher.js';
import { ScheduleService } from './publishing/schedule.service.js';
import { TransitionService } from './workflow/transition.service.js';

/** The newsroom's editorial services, shared by the admin API and the worker. */
@Module({
  providers: [ArticleService, RevisionService, CommentService, PreviewService, TransitionService, Publisher, ScheduleService],
  exports: [ArticleService, RevisionService, CommentService, PreviewService, TransitionService, Publisher, ScheduleService],
})
export class ContentModule {}
