import type { Author, Db, Locale, Section, Tag, TagRedirect } from '#database';

/** Every row of the small taxonomy tables, as delivery holds them in memory. */
export interface TaxonomyRows {
  sections: Section[];
  tags: Tag[];
  redirects: TagRedirect[];
  authors: Author[];
  locales: Locale[];
}

/** The taxonomy reads behind delivery's TaxonomyCache. */
export const taxonomySnapshotRepository = {
  /** Sections (by position, then name), tags, tag redirects, authors and locales (by position), read at once. */
  async load(db: Db): Promise<TaxonomyRows> {
    const [sections, tags, redirects, authors, locales] = await Promise.all([
      db.section.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
      db.tag.findMany(),
      db.tagRedirect.findMany(),
      db.author.findMany(),
      db.locale.findMany({ orderBy: { position: 'asc' } }),
    ]);
    return { sections, tags, redirects, authors, locales };
  },
};
