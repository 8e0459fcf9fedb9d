import type { Author, Locale, Section, Tag } from '#database';
import type { AuthorLink, AuthorView, LocaleView, SectionView, TagView } from './taxonomy.schema.js';

export type { AuthorLink, AuthorView, LocaleView, SectionView, TagView };

export function toTagView(row: Tag): TagView {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, names: row.names as Record<string, string> };
}

export function toSectionView(row: Section): SectionView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    names: row.names as Record<string, string>,
    description: row.description,
    parentId: row.parentId,
    position: row.position,
  };
}

export function toAuthorView(row: Author): AuthorView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: row.bio,
    photoMediaId: row.photoMediaId,
    links: row.links as unknown as AuthorLink[],
    userId: row.userId,
  };
}

export function toLocaleView(row: Locale): LocaleView {
  return {
    code: row.code,
    name: row.name,
    nativeName: row.nativeName,
    rtl: row.rtl,
    isDefault: row.isDefault,
    searchConfig: row.searchConfig,
    position: row.position,
  };
}
