import type { DispatchConfig } from '#common';

/** The public URL of an article on the site, from SITE_BASE_URL and ARTICLE_URL_PATTERN. */
export function articlePublicUrl(site: DispatchConfig['site'], article: { locale: string; slug: string; sectionSlug?: string | null }): string {
  const path = site.articleUrlPattern
    .replaceAll('{locale}', encodeURIComponent(article.locale))
    .replaceAll('{section}', encodeURIComponent(article.sectionSlug ?? 'news'))
    .replaceAll('{slug}', encodeURIComponent(article.slug));
  return `${site.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Surrogate-Key values: a CDN purges by these when an article changes. */
export const surrogateKey = {
  article: (id: string) => `article-${id}`,
  section: (id: string) => `section-${id}`,
  tag: (id: string) => `tag-${id}`,
  author: (id: string) => `author-${id}`,
  collection: (id: string) => `collection-${id}`,
  /** An asset's renditions and original on the delivery API. */
  media: (id: string) => `media-${id}`,
  /** Every list of articles (latest, feeds, sitemaps, search). */
  lists: 'articles',
};

export function articleSurrogateKeys(article: { id: string; sectionIds: string[]; tagIds: string[]; authorIds: string[]; collectionIds?: string[] }): string[] {
  return [
    surrogateKey.article(article.id),
    surrogateKey.lists,
    ...article.sectionIds.map(surrogateKey.section),
    ...article.tagIds.map(surrogateKey.tag),
    ...article.authorIds.map(surrogateKey.author),
    ...(article.collectionIds ?? []).map(surrogateKey.collection),
  ];
}
