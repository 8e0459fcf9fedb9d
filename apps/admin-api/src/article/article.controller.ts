import { applyDecorators, Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import { type Actor, INT4_MAX, IntParamPipe, onePage, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import {
  ArticleHistoryPageSchema,
  ArticlePageSchema,
  ArticleSchema,
  ArticleService,
  CommentPageSchema,
  CommentSchema,
  CommentService,
  PreviewLinkSchema,
  PreviewService,
  RevisionComparisonSchema,
  RevisionPageSchema,
  RevisionSchema,
  RevisionService,
  TransitionService,
} from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController, GetRoute, ListRoute } from '../common/resource-routes.js';
import { JsonBodyProblems } from '../common/json-body-problems.js';
import { VersionEtag } from '../common/version-etag.js';
import { ArticleListQueryDto, CommentDto, CompareQueryDto, CreateArticleDto, LockDto, TransitionDto, UpdateArticleDto } from './article.dto.js';
import { expectedVersion } from './if-match.js';

/** Revision numbers start at 1 and are int4: anything else is 400 on `number`. */
const RevisionNumber = new IntParamPipe(1);
const REVISION_NUMBER_PARAM = {
  name: 'number',
  schema: { type: 'integer' as const, minimum: 1, maximum: INT4_MAX },
  description: 'revision number; anything but a whole number from 1 to 2147483647 is 400 validation_failed',
};

/** Writes name the version they were based on; the problems that follow from it. */
const IfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: true,
      schema: { type: 'string', examples: ['"3"'] },
      description: 'the ETag (version) last read. Missing: 428 precondition_required; stale: 412 version_conflict with currentVersion',
    }),
    Problems('version_conflict', 'precondition_required'),
  );

/** Answers with the article as it now is, its version sent as ETag. */
const RespondsArticle = (status: number, description: string) =>
  applyDecorators(Responds(status, ArticleSchema, { description, headers: ['ETag'] }), VersionEtag());

@AdminController('articles')
export class ArticleController {
  constructor(
    private readonly articles: ArticleService,
    private readonly transitions: TransitionService,
    private readonly revisions: RevisionService,
    private readonly comments: CommentService,
    private readonly previews: PreviewService,
  ) {}

  @ListRoute('Working copies, newest change first (contributors: their own)', ArticlePageSchema)
  @RequirePermission('articles:read')
  list(@CurrentActor() actor: Actor, @Query() query: ArticleListQueryDto) {
    return this.articles.list(actor, query);
  }

  @Post()
  @RequirePermission('articles:write')
  @ApiOperation({
    summary: 'Create a draft',
    description: 'Every field may be omitted; the slug is generated from the headline. `translationOf` makes it another language edition of that story.',
  })
  @RespondsArticle(201, 'the new draft (revision 1, version 1)')
  @Problems('slug_taken', 'conflict')
  @JsonBodyProblems()
  create(@CurrentActor() actor: Actor, @Body() body: CreateArticleDto) {
    return this.articles.create(actor, body);
  }

  @Get(':id')
  @RequirePermission('articles:read')
  @ApiOperation({
    summary: 'One working copy, with ETag',
    description:
      'publishFailure is null, or { attempts, lastError, nextAttemptAt } after a scheduled publish failed: retried with backoff while nextAttemptAt is set, back with the desk (approved) when it is null; cleared when the story goes live or is scheduled again.',
  })
  @RespondsArticle(200, 'the working copy')
  @Problems('not_found')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.articles.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('articles:write')
  @ApiOperation({
    summary: 'Edit the working copy',
    description:
      'Absent fields stay as they are; null clears. A content change saves a new revision; editing a published article moves the working copy to draft ' +
      'while the live revision stays on the site. Scheduled and archived articles cannot be edited (409 invalid_transition).',
  })
  @IfMatch()
  @RespondsArticle(200, 'the article after the edit (version incremented)')
  @Problems('not_found', 'slug_taken', 'invalid_transition')
  @JsonBodyProblems()
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateArticleDto) {
    return this.articles.update(actor, id, expectedVersion(ifMatch), body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermission('articles:transition')
  @IfMatch()
  @ApiOperation({
    summary: 'Move through the workflow: submit, request_changes, approve, publish, schedule, unschedule, unpublish, archive, restore',
    description:
      'An action the state or role does not allow is 409 invalid_transition (with currentStatus) or 403; publish and schedule check their preconditions ' +
      '(422 publish_precondition_failed listing each in errors[]); publishing before embargoUntil is 409 embargoed.',
  })
  @RespondsArticle(200, 'the article after the transition')
  @Problems('not_found', 'invalid_transition', 'embargoed', 'publish_precondition_failed')
  @JsonBodyProblems()
  transition(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: TransitionDto) {
    return this.transitions.apply(actor, id, expectedVersion(ifMatch), body);
  }

  @Post(':id/lock')
  @HttpCode(200)
  @RequirePermission('articles:write')
  @ApiOperation({ summary: 'Take or refresh the soft edit lock (5 minutes); editors may take over' })
  @RespondsArticle(200, 'the article with the caller’s lock')
  @Problems('not_found', 'conflict')
  @JsonBodyProblems()
  lock(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: LockDto) {
    return this.articles.lock(actor, id, body.takeOver ?? false);
  }

  @Delete(':id/lock')
  @HttpCode(204)
  @RequirePermission('articles:write')
  @ApiOperation({ summary: 'Release the edit lock (the holder; editors release anyone’s)' })
  @Responds(204, null, { description: 'released (or there was none)' })
  @Problems('not_found')
  async unlock(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.articles.unlock(actor, id);
  }

  @GetRoute('Saved revisions, newest first', RevisionPageSchema, { path: ':id/revisions' })
  @RequirePermission('articles:read')
  async revisionList(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return onePage(await this.revisions.list(actor, id));
  }

  @GetRoute('Field-by-field differences between two revisions (?from=&to=)', RevisionComparisonSchema, { path: ':id/revisions/compare' })
  @RequirePermission('articles:read')
  compare(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: CompareQueryDto) {
    return this.revisions.compare(actor, id, query.from, query.to);
  }

  @GetRoute('One revision with the full content it kept', RevisionSchema, { path: ':id/revisions/:number' })
  @RequirePermission('articles:read')
  @ApiParam(REVISION_NUMBER_PARAM)
  revision(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('number', RevisionNumber) number: number) {
    return this.revisions.get(actor, id, number);
  }

  @Post(':id/revisions/:number/restore')
  @HttpCode(200)
  @RequirePermission('articles:write')
  @IfMatch()
  @ApiParam(REVISION_NUMBER_PARAM)
  @ApiOperation({
    summary: "Make a revision's content the working copy again (saved as a new revision)",
    description: 'An edit like PATCH: the same rules, and the content must still be valid (sections, tags, media it names must exist).',
  })
  @RespondsArticle(200, 'the article after the restore')
  @Problems('not_found', 'slug_taken', 'invalid_transition')
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('number', RevisionNumber) number: number,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.revisions.restore(actor, id, number, expectedVersion(ifMatch));
  }

  @GetRoute('Editorial notes and workflow comments, oldest first', CommentPageSchema, { path: ':id/comments' })
  @RequirePermission('articles:read')
  async commentList(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return onePage(await this.comments.list(actor, id));
  }

  @Post(':id/comments')
  @RequirePermission('articles:comment')
  @ApiOperation({ summary: 'Add an editorial note' })
  @Responds(201, CommentSchema)
  @Problems('not_found')
  @JsonBodyProblems()
  addComment(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: CommentDto) {
    return this.comments.add(actor, id, body.body);
  }

  @GetRoute('What happened to the article (transitions, edits, locks, previews), oldest first, from the audit log', ArticleHistoryPageSchema, {
    path: ':id/history',
  })
  @RequirePermission('articles:read')
  async history(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return onePage(await this.comments.history(actor, id));
  }

  @Post(':id/preview-token')
  @RequirePermission('articles:read')
  @ApiOperation({
    summary: 'A link to the working copy on the delivery preview route, valid for an hour',
    description:
      'The link ends early when the article is archived, unpublished (or expires) or restored to draft, when its links are revoked ' +
      '(DELETE /articles/{id}/preview-tokens), or when its issuer is disabled (an API token: revoked, expired or its owner disabled).',
  })
  @Responds(201, PreviewLinkSchema)
  @Problems('not_found')
  previewToken(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.previews.issue(actor, id);
  }

  @Delete(':id/preview-tokens')
  @HttpCode(204)
  @RequirePermission('previews:revoke')
  @ApiOperation({
    summary: 'Revoke every preview link of the article (editors and admins)',
    description:
      'Every preview token issued for the article so far is refused (403) from the next request on; tokens issued afterwards work. ' +
      'Archive, unpublish and restore end them the same way. Audited as article.previews_revoked.',
  })
  @Responds(204, null, { description: 'revoked' })
  @Problems('not_found')
  async revokePreviewTokens(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.previews.revokeAll(actor, id);
  }
}
