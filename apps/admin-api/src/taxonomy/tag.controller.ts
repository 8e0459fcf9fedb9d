import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { TagMergeService, AdminTagPageSchema, TagSchema, TagService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { CreateTagDto, DeleteTagQueryDto, MergeTagDto, SearchListQueryDto, UpdateTagDto } from './taxonomy.dto.js';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('tags')
export class TagController {
  constructor(
    private readonly tags: TagService,
    private readonly merges: TagMergeService,
  ) {}

  @Get()
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'Tags by name; ?q= (name or slug contains) narrows the list' })
  @Responds(200, AdminTagPageSchema)
  list(@Query() query: SearchListQueryDto) {
    return this.tags.list(query);
  }

  @Get(':id')
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'One tag' })
  @Responds(200, TagSchema)
  @Problems('not_found')
  get(@Param('id', UuidParam) id: string) {
    return this.tags.get(id);
  }

  @Post()
  @RequirePermission('tags:manage')
  @ApiOperation({ summary: 'Create a tag; the slug is made from the name when omitted' })
  @Responds(201, TagSchema)
  @Problems('slug_taken')
  create(@CurrentActor() actor: Actor, @Body() body: CreateTagDto) {
    return this.tags.create(actor, body);
  }

  @Patch(':id')
  @RequirePermission('tags:manage')
  @ApiOperation({ summary: 'Rename; a new slug keeps the old one as a redirect' })
  @Responds(200, TagSchema)
  @Problems('not_found', 'slug_taken')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateTagDto) {
    return this.tags.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tags:manage')
  @ApiOperation({ summary: 'Delete; a tag in use is refused (409 in_use with the count) unless ?force=true' })
  @Responds(204, null)
  @Problems('not_found', 'in_use')
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
