import { Body, Param, Query } from '@nestjs/common';
import type { Actor } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminSectionPageSchema, SectionSchema, SectionService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, DeleteRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateSectionDto, SectionListQueryDto, UpdateSectionDto } from './taxonomy.dto.js';

@AdminController('sections')
export class SectionController {
  constructor(private readonly sections: SectionService) {}

  @ListRoute('Sections ordered by position among siblings; ?parentId= (or "root") for one level', AdminSectionPageSchema)
  @RequirePermission('taxonomy:read')
  list(@Query() query: SectionListQueryDto) {
    return this.sections.list(query);
  }

  @GetRoute('One section', SectionSchema)
  @RequirePermission('taxonomy:read')
  get(@Param('id', UuidParam) id: string) {
    return this.sections.get(id);
  }

  @CreateRoute('Create a section, at the top level or under parentId; last among its siblings unless position is given', SectionSchema, ['slug_taken'])
  @RequirePermission('sections:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateSectionDto) {
    return this.sections.create(actor, body);
  }

  @UpdateRoute('Rename, reorder or move (parentId); not under its own descendants', SectionSchema, ['slug_taken'])
  @RequirePermission('sections:manage')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateSectionDto) {
    return this.sections.update(actor, id, body);
  }

  @DeleteRoute('Delete an empty section; with subsections or articles: 409 in_use', ['in_use'])
  @RequirePermission('sections:manage')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.sections.remove(actor, id);
  }
}
