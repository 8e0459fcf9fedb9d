import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminLocalePageSchema, AdminLocaleSchema, LocaleService } from '#content';
import { CreateLocaleDto, UpdateLocaleDto } from './taxonomy.dto.js';

@ApiTags('locales')
@ApiBearerAuth()
@Controller('locales')
export class LocaleController {
  constructor(private readonly locales: LocaleService) {}

  @Get()
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'Every configured locale (a short list: one page)' })
  @Responds(200, AdminLocalePageSchema)
  async list() {
    return { data: await this.locales.list(), nextCursor: null };
  }

  @Get(':code')
  @RequirePermission('taxonomy:read')
  @ApiOperation({ summary: 'One locale, by code' })
  @Responds(200, AdminLocaleSchema)
  @Problems('not_found')
  get(@Param('code') code: string) {
    return this.locales.get(code);
  }

  @Post()
  @RequirePermission('locales:manage')
  @ApiOperation({ summary: 'Add a locale; making it the default unsets the previous default' })
  @Responds(201, AdminLocaleSchema)
  @Problems('conflict')
  create(@CurrentActor() actor: Actor, @Body() body: CreateLocaleDto) {
    return this.locales.create(actor, body);
  }

  @Patch(':code')
  @RequirePermission('locales:manage')
  @ApiOperation({ summary: 'Making a locale the default unsets the previous default' })
  @Responds(200, AdminLocaleSchema)
  @Problems('not_found')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateLocaleDto) {
    return this.locales.update(actor, code, body);
  }
}
