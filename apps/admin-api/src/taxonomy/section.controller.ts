import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { SectionService } from '#content';
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
  list(@Query() query: SectionListQueryDto) {
    return this.sections.list(query);
  }

  @Get(':id')
  @RequirePermission('taxonomy:read')
  get(@Param('id', UuidParam) id: string) {
    return this.sections.get(id);
  }

  @Post()
  @RequirePermission('sections:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateSectionDto) {
    return this.sections.create(actor, body);
  }

  @Patch(':id')
  @RequirePermission('sections:manage')
  @ApiOperation({ summary: 'Rename, reorder or move (parentId); not under its own descendants' })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateSectionDto) {
    return this.sections.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('sections:manage')
  @ApiOperation({ summary: 'Delete an empty section; with subsections or articles: 409 in_use' })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.sections.remove(actor, id);
  }
}
