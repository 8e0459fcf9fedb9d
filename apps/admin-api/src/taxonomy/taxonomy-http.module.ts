import { Module } from '@nestjs/common';
import { TaxonomyModule } from '#content';
import { AuthorController } from './author.controller.js';
import { LocaleController } from './locale.controller.js';
import { SectionController } from './section.controller.js';
import { TagController } from './tag.controller.js';

/** Admin routes for tags, sections, authors and locales. */
@Module({
  imports: [TaxonomyModule],
  controllers: [TagController, SectionController, AuthorController, LocaleController],
})
export class TaxonomyHttpModule {}
