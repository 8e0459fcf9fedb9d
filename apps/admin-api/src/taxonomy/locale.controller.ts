import { Body, Param } from '@nestjs/common';
import { type Actor, onePage } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminLocalePageSchema, AdminLocaleSchema, LocaleService } from '#content';
import { AdminController, CreateRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateLocaleDto, UpdateLocaleDto } from './taxonomy.dto.js';

@AdminController('locales')
export class LocaleController {
  constructor(private readonly locales: LocaleService) {}

  @ListRoute('Every configured locale (a short list: one page)', AdminLocalePageSchema)
  @RequirePermission('taxonomy:read')
  async list() {
    return onePage(await this.locales.list());
  }

  @GetRoute('One locale, by code', AdminLocaleSchema, { path: ':code' })
  @RequirePermission('taxonomy:read')
  get(@Param('code') code: string) {
    return this.locales.get(code);
  }

  @CreateRoute('Add a locale; making it the default unsets the previous default', AdminLocaleSchema, ['conflict'])
  @RequirePermission('locales:manage')
  create(@CurrentActor() actor: Actor, @Body() body: CreateLocaleDto) {
    return this.locales.create(actor, body);
  }

  @UpdateRoute('Making a locale the default unsets the previous default', AdminLocaleSchema, [], { path: ':code' })
  @RequirePermission('locales:manage')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateLocaleDto) {
    return this.locales.update(actor, code, body);
  }
}
