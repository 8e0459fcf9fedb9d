import type { Author, Locale, Section, Tag } from '#database';

/** Admin representation of a tag (API.md). */
export interface TagView {
  id: string;
  slug: string;
  name: string;
  description: string;
  names: Record<string, string>;
}

/** Admin representation of a section: a node of the tree. */
export interface SectionView {
  id: string;
  slug: string;
  name: string;
  names: Record<string, string>;
  description: string;
  parentId: string | null;
  position: number;
}

export interface AuthorLink {
  label: string;
  url: string;
}

/** Admin representation of a byline profile. */
export interface AuthorView {
  id: string;
  slug: string;
  name: string;
  bio: string;
  photoMediaId: string | null;
  links: AuthorLink[];
  userId: string | null;
}

export interface LocaleView {
  code: string;
  name: string;
  nativeName: string;
  rtl: boolean;
  isDefault: boolean;
  searchConfig: string;
  position: number;
}

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
