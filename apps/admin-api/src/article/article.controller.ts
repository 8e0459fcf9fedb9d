import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, INT4_MAX, IntParamPipe } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { ArticleService, CommentService, PreviewService, RevisionService, TransitionService, type ArticleView } from '#content';
import { UuidParam } from '../common/id-param.js';
import { ArticleListQueryDto, CommentDto, CompareQueryDto, CreateArticleDto, LockDto, TransitionDto, UpdateArticleDto } from './article.dto.js';
import { expectedVersion } from './if-match.js';

/** Revision numbers in paths; anything else names no revision. */
/** Revision numbers start at 1 and are int4: anything else is 400 on `number`. */
const RevisionNumber = new IntParamPipe(1);
const REVISION_NUMBER_PARAM = {
  name: 'number',
  schema: { type: 'integer' as const, minimum: 1, maximum: INT4_MAX },
  description: 'revision number; anything but a whole number from 1 to 2147483647 is 400 validation_failed',
};

function withEtag(reply: FastifyReply, article: ArticleView): ArticleView {
  reply.header('etag', `"${article.version}"`);
  return article;
}

@ApiTags('articles')
@ApiBearerAuth()
@Controller('articles')
export class ArticleController {
  constructor(
    private readonly articles: ArticleService,
    private readonly transitions: TransitionService,
    private readonly revisions: RevisionService,
    private readonly comments: CommentService,
    private readonly previews: PreviewService,
  ) {}

  @Get()
  @RequirePermission('articles:read')
  @ApiOperation({ summary: 'Working copies, newest change first (contributors: their own)' })
  list(@CurrentActor() actor: Actor, @Query() query: ArticleListQueryDto) {
    return this.articles.list(actor, query);
  }

  @Post()
  @RequirePermission('articles:write')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateArticleDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.articles.create(actor, body));
  }

  @Get(':id')
  @RequirePermission('articles:read')
  @ApiOperation({
    summary: 'One working copy, with ETag',
    description:
      'publishFailure is null, or { attempts, lastError, nextAttemptAt } after a scheduled publish failed: retried with backoff while nextAttemptAt is set, back with the desk (approved) when it is null; cleared when the story goes live or is scheduled again.',
  })
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.articles.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission('articles:write')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag (version) last read' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateArticleDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.articles.update(actor, id, expectedVersion(ifMatch), body));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermission('articles:transition')
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'submit, request_changes, approve, publish, schedule, unschedule, unpublish, archive, restore' })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: TransitionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.transitions.apply(actor, id, expectedVersion(ifMatch), body));
  }

  @Post(':id/lock')
  @HttpCode(200)
  @RequirePermission('articles:write')
  @ApiOperation({ summary: 'Take or refresh the soft edit lock (5 minutes); editors may take over' })
  async lock(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: LockDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.articles.lock(actor, id, body.takeOver ?? false));
  }

  @Delete(':id/lock')
  @HttpCode(204)
  @RequirePermission('articles:write')
  async unlock(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.articles.unlock(actor, id);
  }

  @Get(':id/revisions')
  @RequirePermission('articles:read')
  async revisionList(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return { data: await this.revisions.list(actor, id), nextCursor: null };
  }

  @Get(':id/revisions/compare')
  @RequirePermission('articles:read')
  @ApiOperation({ summary: 'Field-by-field differences between two revisions (?from=&to=)' })
  compare(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: CompareQueryDto) {
    return this.revisions.compare(actor, id, query.from, query.to);
  }

  @Get(':id/revisions/:number')
  @RequirePermission('articles:read')
  @ApiParam(REVISION_NUMBER_PARAM)
  revision(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('number', RevisionNumber) number: number) {
    return this.revisions.get(actor, id, number);
  }

  @Post(':id/revisions/:number/restore')
  @HttpCode(200)
  @RequirePermission('articles:write')
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiParam(REVISION_NUMBER_PARAM)
  async restore(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('number', RevisionNumber) number: number,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.revisions.restore(actor, id, number, expectedVersion(ifMatch)));
  }

  @Get(':id/comments')
  @RequirePermission('articles:read')
  async commentList(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return { data: await this.comments.list(actor, id), nextCursor: null };
  }

  @Post(':id/comments')
  @RequirePermission('articles:read')
  addComment(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: CommentDto) {
    return this.comments.add(actor, id, body.body);
  }

  @Get(':id/history')
  @RequirePermission('articles:read')
  async history(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return { data: await this.comments.history(actor, id), nextCursor: null };
  }

  @Post(':id/preview-token')
  @RequirePermission('articles:read')
  @ApiOperation({
    summary: 'A link to the working copy on the delivery preview route, valid for an hour',
    description:
      'The link ends early when the article is archived, unpublished (or expires) or restored to draft, when its links are revoked ' +
      '(DELETE /articles/{id}/preview-tokens), or when its issuer is disabled (an API token: revoked, expired or its owner disabled).',
  })
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
  @ApiNoContentResponse({ description: 'revoked' })
  async revokePreviewTokens(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.previews.revokeAll(actor, id);
  }
}
