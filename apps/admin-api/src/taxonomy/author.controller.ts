import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminAuthorPageSchema, AuthorSchema, AuthorService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { CreateAuthorDto, SearchListQueryDto, UpdateAuthorDto } from './taxonomy.dto.js';

@ApiTags('authors')
@ApiBearerAuth()
@Controller('authors')
export class AuthorController {
  constructor(private readonly authors: AuthorService) {}

  @Get()
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'Byline profiles by name; ?q= (name or slug contains) narrows the list' })
  @Responds(200, AdminAuthorPageSchema)
  list(@Query() query: SearchListQueryDto) {
    return this.authors.list(query);
  }

  @Get(':id')
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'One byline profile' })
  @Responds(200, AuthorSchema)
  @Problems('not_found')
  get(@Param('id', UuidParam) id: string) {
    return this.authors.get(id);
  }

  @Post()
  @RequirePermission('authors:manage')
  @ApiOperation({ summary: 'Create a byline profile, optionally tied to a user (one profile per user)' })
  @Responds(201, AuthorSchema)
  @Problems('slug_taken', 'conflict')
  create(@CurrentActor() actor: Actor, @Body() body: CreateAuthorDto) {
    return this.authors.create(actor, body);
  }

  @Patch(':id')
  @RequirePermission('authors:manage')
  @ApiOperation({ summary: 'Change a byline profile' })
  @Responds(200, AuthorSchema)
  @Problems('not_found', 'slug_taken', 'conflict')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateAuthorDto) {
    return this.authors.update(actor, id, body);
  }
}
