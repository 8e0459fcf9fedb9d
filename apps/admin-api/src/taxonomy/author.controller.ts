import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AuthorService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { CreateAuthorDto, SearchListQueryDto, UpdateAuthorDto } from './taxonomy.dto.js';

@ApiTags('authors')
@ApiBearerAuth()
@Controller('authors')
export class AuthorController {
  constructor(private readonly authors: AuthorService) {}

  @Get()
  @RequirePermission('taxonomy:read')
  list(@Query() query: SearchListQueryDto) {
    return this.authors.list(query);
  }

  @Get(':id')
  @RequirePermission('taxonomy:read')
  get(@Param('id', UuidParam) id: string) {
    return this.authors.get(id);
  }

  @Post()
  @RequirePermission('authors:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateAuthorDto) {
    return this.authors.create(actor, body);
  }

  @Patch(':id')
  @RequirePermission('authors:manage')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateAuthorDto) {
    return this.authors.update(actor, id, body);
  }
}
