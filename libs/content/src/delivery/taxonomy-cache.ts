import { Injectable } from '@nestjs/common';
import { PrismaService } from '#database';
import { SuspendableCache } from './suspendable-cache.js';
import { taxonomySnapshotRepository } from './taxonomy-snapshot.repository.js';

export interface SectionNode {
  id: string;
  slug: string;
  name: string;
  names: Record<string, string>;
  description: string;
  parentId: string | null;
  position: number;
}

export interface TagNode {
  id: string;
  slug: string;
  name: string;
  names: Record<string, string>;
  description: string;
}

export interface AuthorNode {
  id: string;
  slug: string;
  name: string;
  bio: string;
  photoMediaId: string | null;
  links: { label: string; url: string }[];
}

export interface LocaleNode {
  code: string;
  name: string;
  nativeName: string;
  rtl: boolean;
  isDefault: boolean;
  searchConfig: string;
}

interface Snapshot {
  sections: Map<string, SectionNode>;
  sectionsBySlug: Map<string, SectionNode>;
  tags: Map<string, TagNode>;
  tagsBySlug: Map<string, TagNode>;
  tagRedirects: Map<string, string>;
  authors: Map<string, AuthorNode>;
  authorsBySlug: Map<string, AuthorNode>;
  locales: Map<string, LocaleNode>;
  defaultLocale: string;
}

/**
 * Sections, tags, authors and locales held in memory by each delivery
 * instance: small tables read on every request. Dropped on any taxonomy
 * change notice (LISTEN/NOTIFY), reloaded on next use.
 */
@Injectable()
export class TaxonomyCache extends SuspendableCache {
  private current?: Promise<Snapshot>;

  constructor(private readonly prisma: PrismaService) {
    super();
  }

  invalidate(): void {
    this.current = undefined;
  }

  get(): Promise<Snapshot> {
    if (this.suspended) return this.load();
    const loading = (this.current ??= this.load());
    loading.catch(() => {
      if (this.current === loading) this.current = undefined;
    });
    return loading;
  }

  private async load(): Promise<Snapshot> {
    const { sections, tags, redirects, authors, locales } = await taxonomySnapshotRepository.load(this.prisma);
    const sectionNodes = sections.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      names: s.names as Record<string, string>,
      description: s.description,
      parentId: s.parentId,
      position: s.position,
    }));
    const tagNodes = tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name, names: t.names as Record<string, string>, description: t.description }));
    const authorNodes = authors.map((a) => ({
      id: a.id,
      slug: a.slug,
      name: a.name,
      bio: a.bio,
      photoMediaId: a.photoMediaId,
      links: a.links as { label: string; url: string }[],
    }));
    const localeNodes = locales.map((l) => ({
      code: l.code,
      name: l.name,
      nativeName: l.nativeName,
      rtl: l.rtl,
      isDefault: l.isDefault,
      searchConfig: l.searchConfig,
    }));
    const tagIdBySlug = new Map(tagNodes.map((t) => [t.slug, t.id]));
    return {
      sections: new Map(sectionNodes.map((s) => [s.id, s])),
      sectionsBySlug: new Map(sectionNodes.map((s) => [s.slug, s])),
      tags: new Map(tagNodes.map((t) => [t.id, t])),
      tagsBySlug: new Map(tagNodes.map((t) => [t.slug, t])),
      tagRedirects: new Map(redirects.filter((r) => !tagIdBySlug.has(r.oldSlug)).map((r) => [r.oldSlug, r.tagId])),
      authors: new Map(authorNodes.map((a) => [a.id, a])),
      authorsBySlug: new Map(authorNodes.map((a) => [a.slug, a])),
      locales: new Map(localeNodes.map((l) => [l.code, l])),
      defaultLocale: localeNodes.find((l) => l.isDefault)?.code ?? localeNodes[0]?.code ?? 'en',
    };
  }
}

/** A name in the reader's language when the taxonomy has one. */
export function localName(node: { name: string; names: Record<string, string> }, locale: string): string {
  return node.names[locale] ?? node.name;
}

export type TaxonomySnapshot = Snapshot;
