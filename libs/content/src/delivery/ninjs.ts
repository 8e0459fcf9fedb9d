import type { FullArticle, ImageRef } from './delivery.types.js';
import { blocksToHtml } from './html.js';

/**
 * The article as IPTC ninjs 2.0 (JSON news item), for partners that ingest
 * news: headlines, descriptions, an HTML body, subjects, people and the
 * feature image with its credit as an association.
 */
export function toNinjs(article: FullArticle, revision: number, publisher: string): Record<string, unknown> {
  return {
    $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json',
    uri: `urn:dispatch:article:${article.id}`,
    type: 'text',
    representationtype: 'complete',
    version: String(revision),
    firstcreated: article.publishedAt,
    versioncreated: article.updatedAt,
    pubstatus: 'usable',
    language: article.locale,
    headlines: [{ role: 'main', value: article.headline }],
    ...(article.standfirst ? { descriptions: [{ role: 'summary', value: article.standfirst, contenttype: 'text/plain' }] } : {}),
    bodies: [{ role: 'main', contenttype: 'text/html', value: blocksToHtml(article.body) }],
    ...(article.authors.length
      ? { by: article.authors.map((a) => a.name).join(', '), people: article.authors.map((a) => ({ name: a.name, rel: 'author' })) }
      : {}),
    subjects: [
      ...(article.section ? [{ name: article.section.name, uri: `urn:dispatch:section:${article.section.slug}`, rel: 'section' }] : []),
      ...article.tags.map((tag) => ({ name: tag.name, uri: `urn:dispatch:tag:${tag.slug}` })),
    ],
    links: [
      { rel: 'canonical', href: article.seo.canonicalUrl, mimetype: 'text/html' },
      ...article.translations.map((t) => ({ rel: 'translation', href: t.url, title: t.locale })),
    ],
    copyrightholder: publisher,
    ...(article.corrections.length ? { ednote: article.corrections.map((c) => `Correction (${c.at}): ${c.text}`).join('\n') } : {}),
    ...(article.leadImage ? { associations: { featureimage: pictureNinjs(article.leadImage) } } : {}),
  };
}

function pictureNinjs(image: ImageRef): Record<string, unknown> {
  return {
    uri: `urn:dispatch:media:${image.id}`,
    type: 'picture',
    headlines: [{ role: 'main', value: image.caption }],
    descriptions: image.alt ? [{ role: 'alternative', value: image.alt }] : [],
    by: image.creator || undefined,
    copyrightnotice: image.copyrightNotice || image.creditLine,
    usageterms: undefined,
    renditions: Object.fromEntries(
      image.renditions.filter((r) => r.format === 'jpeg').map((r) => [`w${r.width}`, { href: r.url, contenttype: 'image/jpeg', width: r.width }]),
    ),
    infosources: image.credit ? [{ name: image.credit, role: 'source' }] : [],
  };
}
