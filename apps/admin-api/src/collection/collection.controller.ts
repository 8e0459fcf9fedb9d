import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, DomainError } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { CollectionService, type CollectionView } from '#content';
import { UuidParam } from '../common/id-param.js';
import { expectedVersion } from '../article/if-match.js';
import { CollectionListQueryDto, CreateCollectionDto, ReplaceItemsDto, UpdateCollectionDto } from './collection.dto.js';

function withEtag(reply: FastifyReply, collection: CollectionView): CollectionView {
  reply.header('etag', `"${collection.version}"`);
  return collection;
}

/** If-Match is optional here: sent, a stale version is 412; absent, the write goes through (rails are edited by one desk at a time). */
function optionalVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*' ? undefined : expectedVersion(ifMatch);
}

@ApiTags('collections')
@ApiBearerAuth()
@Controller('collections')
export class CollectionController {
  constructor(private readonly collections: CollectionService) {}

  @Get()
  @RequirePermission('collections:read')
  list(@Query() query: CollectionListQueryDto) {
    return this.collections.list(query);
  }

  @Post()
  @RequirePermission('collections:manage')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCollectionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.collections.create(actor, body));
  }

  @Get(':id')
  @RequirePermission('collections:read')
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.collections.get(id));
  }

  @Patch(':id')
  @RequirePermission('collections:manage')
  @ApiHeader({ name: 'If-Match', required: false })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCollectionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.collections.update(actor, id, optionalVersion(ifMatch), body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('collections:manage')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.collections.remove(actor, id, optionalVersion(ifMatch));
  }

  @Put(':id/items')
  @RequirePermission('collections:manage')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOperation({ summary: 'Replace the ordered items at once (articles of any status; delivery shows the live ones)' })
  async replaceItems(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReplaceItemsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (body.labels && Object.values(body.labels).some((label) => label !== null && (typeof label !== 'string' || label.length > 50))) {
      throw DomainError.validation([{ path: 'labels', message: 'each label must be a string of at most 50 characters, or null' }]);
    }
    return withEtag(reply, await this.collections.replaceItems(actor, id, optionalVersion(ifMatch), body));
  }
}
