import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminSectionPageSchema, SectionSchema, SectionService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { CreateSectionDto, SectionListQueryDto, UpdateSectionDto } from './taxonomy.dto.js';

@ApiTags('sections')
@ApiBearerAuth()
@Controller('sections')
export class SectionController {
  constructor(private readonly sections: SectionService) {}

  @Get()
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'Sections ordered by position among siblings; ?parentId= (or "root") for one level' })
  @Responds(200, AdminSectionPageSchema)
  list(@Query() query: SectionListQueryDto) {
    return this.sections.list(query);
  }

  @Get(':id')
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'One section' })
  @Responds(200, SectionSchema)
  @Problems('not_found')
  get(@Param('id', UuidParam) id: string) {
    return this.sections.get(id);
  }

  @Post()
  @RequirePermission('sections:manage')
  @ApiOperation({ summary: 'Create a section, at the top level or under parentId; last among its siblings unless position is given' })
  @Responds(201, SectionSchema)
  @Problems('slug_taken')
  create(@CurrentActor() actor: Actor, @Body() body: CreateSectionDto) {
    return this.sections.create(actor, body);
  }

  @Patch(':id')
  @RequirePermission('sections:manage')
  @ApiOperation({ summary: 'Rename, reorder or move (parentId); not under its own descendants' })
  @Responds(200, SectionSchema)
  @Problems('not_found', 'slug_taken')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateSectionDto) {
    return this.sections.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('sections:manage')
  @ApiOperation({ summary: 'Delete an empty section; with subsections or articles: 409 in_use' })
  @Responds(204, null)
  @Problems('not_found', 'in_use')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.sections.remove(actor, id);
  }
}
