import { Body, Param, Query } from '@nestjs/common';
import type { Actor } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminAuthorPageSchema, AuthorSchema, AuthorService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateAuthorDto, SearchListQueryDto, UpdateAuthorDto } from './taxonomy.dto.js';

@AdminController('authors')
export class AuthorController {
  constructor(private readonly authors: AuthorService) {}

  @ListRoute('Byline profiles by name; ?q= (name or slug contains) narrows the list', AdminAuthorPageSchema)
  @RequirePermission('taxonomy:read')
  list(@Query() query: SearchListQueryDto) {
    return this.authors.list(query);
  }

  @GetRoute('One byline profile', AuthorSchema)
  @RequirePermission('taxonomy:read')
  get(@Param('id', UuidParam) id: string) {
    return this.authors.get(id);
  }

  @CreateRoute('Create a byline profile, optionally tied to a user (one profile per user)', AuthorSchema, ['slug_taken', 'conflict'])
  @RequirePermission('authors:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateAuthorDto) {
    return this.authors.create(actor, body);
  }

  @UpdateRoute('Change a byline profile', AuthorSchema, ['slug_taken', 'conflict'])
  @RequirePermission('authors:manage')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateAuthorDto) {
    return this.authors.update(actor, id, body);
  }
}
