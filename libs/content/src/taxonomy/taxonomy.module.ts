import { Module } from '@nestjs/common';
import { CollectionService } from '../collections/collection.service.js';
import { EditionService } from '../editions/edition.service.js';
import { AuthorService } from './author.service.js';
import { LocaleService } from './locale.service.js';
import { SectionService } from './section.service.js';
import { TagMergeService } from './tag-merge.service.js';
import { TagService } from './tag.service.js';

const SERVICES = [TagService, TagMergeService, SectionService, AuthorService, LocaleService, CollectionService, EditionService];

/** Tags, sections, authors, locales, collections and language editions: the newsroom's structure around articles. */
@Module({ providers: SERVICES, exports: SERVICES })
export class TaxonomyModule {}
