import { Body, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { TagMergeService, AdminTagPageSchema, TagSchema, TagService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, DeleteRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateTagDto, DeleteTagQueryDto, MergeTagDto, SearchListQueryDto, UpdateTagDto } from './taxonomy.dto.js';

@AdminController('tags')
export class TagController {
  constructor(
    private readonly tags: TagService,
    private readonly merges: TagMergeService,
  ) {}

  @ListRoute('Tags by name; ?q= (name or slug contains) narrows the list', AdminTagPageSchema)
  @RequirePermission('taxonomy:read')
  list(@Query() query: SearchListQueryDto) {
    return this.tags.list(query);
  }

  @GetRoute('One tag', TagSchema)
  @RequirePermission('taxonomy:read')
  get(@Param('id', UuidParam) id: string) {
    return this.tags.get(id);
  }

  @CreateRoute('Create a tag; the slug is made from the name when omitted', TagSchema, ['slug_taken'])
  @RequirePermission('tags:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateTagDto) {
    return this.tags.create(actor, body);
  }

  @UpdateRoute('Rename; a new slug keeps the old one as a redirect', TagSchema, ['slug_taken'])
  @RequirePermission('tags:manage')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateTagDto) {
    return this.tags.update(actor, id, body);
  }

  @DeleteRoute('Delete; a tag in use is refused (409 in_use with the count) unless ?force=true', ['in_use'])
  @RequirePermission('tags:manage')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: DeleteTagQueryDto): Promise<void> {
    await this.tags.remove(actor, id, query.force === 'true');
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission('tags:manage')
  @ApiOperation({ summary: 'Merge this tag into intoId: articles move, the slug redirects, this tag goes; returns the tag that stays' })
  @Responds(200, TagSchema, { description: 'the tag that stays (intoId), as it is after the merge' })
  @Problems('not_found')
  merge(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: MergeTagDto) {
    return this.merges.merge(actor, id, body.intoId);
  }
}
