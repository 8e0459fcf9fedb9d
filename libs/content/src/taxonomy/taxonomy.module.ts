import { Module } from '@nestjs/common';
import { AuthorService } from './author.service.js';
import { LocaleService } from './locale.service.js';
import { SectionService } from './section.service.js';
import { TagMergeService } from './tag-merge.service.js';
import { TagService } from './tag.service.js';

const SERVICES = [TagService, TagMergeService, SectionService, AuthorService, LocaleService];

/** Tags, sections, authors and locales: the newsroom's structure around articles. */
@Module({ providers: SERVICES, exports: SERVICES })
export class TaxonomyModule {}
