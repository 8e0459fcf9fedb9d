import { Injectable } from '@nestjs/common';
import { DomainError } from '#common';
import { TaxonomyCache } from '#content';

/** Turns public slugs and locales from query strings into ids, or a 400/404. */
@Injectable()
export class TaxonomyLookup {
  constructor(private readonly taxonomy: TaxonomyCache) {}

  async locale(code: string | undefined): Promise<string> {
    const snapshot = await this.taxonomy.get();
    if (code === undefined) return snapshot.defaultLocale;
    if (!snapshot.locales.has(code)) throw DomainError.validation([{ path: 'locale', message: `not one of ${[...snapshot.locales.keys()].join(', ')}` }]);
    return code;
  }

  /** Ids for optional section/tag/author filters; an unknown slug is a 400. */
  async filters(query: { section?: string; tag?: string; author?: string }): Promise<{ sectionId?: string; tagId?: string; authorId?: string }> {
    const snapshot = await this.taxonomy.get();
    const errors = [];
    const sectionId = query.section ? snapshot.sectionsBySlug.get(query.section)?.id : undefined;
    if (query.section && !sectionId) errors.push({ path: 'section', message: 'no such section' });
    const tagId = query.tag ? (snapshot.tagsBySlug.get(query.tag)?.id ?? snapshot.tagRedirects.get(query.tag)) : undefined;
    if (query.tag && !tagId) errors.push({ path: 'tag', message: 'no such tag' });
    const authorId = query.author ? snapshot.authorsBySlug.get(query.author)?.id : undefined;
    if (query.author && !authorId) errors.push({ path: 'author', message: 'no such author' });
    if (errors.length) throw DomainError.validation(errors);
    return { sectionId, tagId, authorId };
  }
}
