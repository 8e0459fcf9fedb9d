import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { type Actor, onePage, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { EditionPageSchema, EditionService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController } from '../common/resource-routes.js';
import { JsonBodyProblems } from '../common/json-body-problems.js';
import { LinkTranslationDto } from './translation.dto.js';

/** Language editions of a story: /articles/:id/translations. */
@AdminController('articles/:id/translations', 'articles')
export class TranslationController {
  constructor(private readonly editions: EditionService) {}

  @Get()
  @RequirePermission('articles:read')
  @ApiOperation({
    summary: "The story's other language editions: id, locale, slug, status, live",
    description: "Contributors see their own editions, and other people's only while live (as they are live).",
  })
  @Responds(200, EditionPageSchema)
  @Problems('not_found')
  async list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return onePage(await this.editions.list(actor, id));
  }

  @Post()
  @HttpCode(200)
  @RequirePermission('articles:write')
  @ApiOperation({ summary: "Link another article (another language) into this story's editions; one edition per locale (409)" })
  @Responds(200, EditionPageSchema, { description: "the story's other editions after linking" })
  @Problems('not_found', 'conflict')
  @JsonBodyProblems()
  async link(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: LinkTranslationDto) {
    return onePage(await this.editions.link(actor, id, body.articleId));
  }

  @Delete(':otherId')
  @HttpCode(204)
  @RequirePermission('articles:write')
  @ApiOperation({ summary: 'Unlink an edition: it becomes a story of its own' })
  @Responds(204, null, { description: 'unlinked' })
  @Problems('not_found')
  async unlink(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('otherId', UuidParam) otherId: string): Promise<void> {
    await this.editions.unlink(actor, id, otherId);
  }
}
