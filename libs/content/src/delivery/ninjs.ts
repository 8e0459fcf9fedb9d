import { type Static, Type } from '@sinclair/typebox';
import { Component, Obj } from '#common';
import type { AudioRef, FullArticle, ImageRef } from './delivery.types.js';
import { blocksToHtml } from './html.js';

const Named = (description: string) => Type.String({ description });
const ValueWithRole = Obj({ role: Type.String(), value: Type.String(), contenttype: Type.Optional(Type.String()) });

const NinjsRenditionSchema = Component(
  'NinjsRendition',
  Obj({
    name: Named('e.g. `web`, `jpeg-1280`, `original`'),
    href: Type.String({ format: 'uri' }),
    contenttype: Type.String(),
    width: Type.Optional(Type.Integer()),
    height: Type.Optional(Type.Integer()),
    sizeinbytes: Type.Optional(Type.Integer()),
    duration: Type.Optional(Type.Number({ description: 'seconds (audio)' })),
  }),
);

const NinjsAssociationSchema = Component(
  'NinjsAssociation',
  Obj(
    {
      name: Named('`featureimage` (the lead image) or `audio` (a podcast episode’s audio)'),
      uri: Type.String({ format: 'uri' }),
      type: Type.Union([Type.Literal('picture'), Type.Literal('audio')]),
      headlines: Type.Optional(Type.Array(ValueWithRole)),
      descriptions: Type.Optional(Type.Array(ValueWithRole)),
      by: Type.Optional(Type.String()),
      copyrightnotice: Type.Optional(Type.String()),
      infosources: Type.Optional(Type.Array(Obj({ name: Type.String() }))),
      renditions: Type.Array(NinjsRenditionSchema),
    },
    { description: 'An associated news object (ninjs 2.0 `associations[]` item).' },
  ),
);

/** What `?format=ninjs` sends: a news item valid against IPTC's ninjs 2.0 JSON Schema (tests check it with the official file). */
export const NinjsSchema = Component(
  'Ninjs',
  Obj(
    {
      uri: Type.String({ format: 'uri' }),
      type: Type.Union([Type.Literal('text'), Type.Literal('audio')], {
        description: '`audio` for a podcast episode (its audio in `renditions`), else `text`',
      }),
      representationtype: Type.Literal('full'),
      version: Type.String({ description: 'the live revision' }),
      firstcreated: Type.String({ format: 'date-time' }),
      versioncreated: Type.String({ format: 'date-time' }),
      pubstatus: Type.Literal('usable'),
      language: Type.String(),
      headlines: Type.Array(ValueWithRole),
      descriptions: Type.Optional(Type.Array(ValueWithRole)),
      bodies: Type.Array(ValueWithRole, { description: 'the body as HTML' }),
      by: Type.Optional(Type.String()),
      people: Type.Optional(Type.Array(Obj({ name: Type.String(), rel: Type.String() }))),
      subjects: Type.Array(Obj({ name: Type.String(), uri: Type.String({ format: 'uri' }), rel: Type.Optional(Type.String()) })),
      altids: Type.Array(Obj({ role: Type.String(), value: Type.String() }), {
        description: '`canonical`: the public page; `translation:<locale>`: other editions',
      }),
      renditions: Type.Array(NinjsRenditionSchema, { description: '`web`: the public page; a podcast episode adds its audio file (`original`)' }),
      copyrightholder: Type.String(),
      ednote: Type.Optional(Type.String({ description: 'corrections' })),
      associations: Type.Optional(Type.Array(NinjsAssociationSchema)),
    },
    { description: 'IPTC ninjs 2.0 (News in JSON), for partners that ingest news.' },
  ),
);
export type Ninjs = Static<typeof NinjsSchema>;
type NinjsRendition = Static<typeof NinjsRenditionSchema>;
type NinjsAssociation = Static<typeof NinjsAssociationSchema>;

/**
 * The article as IPTC ninjs 2.0 (JSON news item), for partners that ingest
 * news: headlines, descriptions, an HTML body, subjects, people, the feature
 * image with its credit as an association and, for a podcast episode, the
 * audio (the item is then of type `audio`).
 */
export function toNinjs(article: FullArticle, revision: number, publisher: string): Ninjs {
  const audio = article.kind === 'podcast_episode' ? (article.episode?.audio ?? null) : null;
  const associations: NinjsAssociation[] = [...(article.leadImage ? [pictureNinjs(article.leadImage)] : []), ...(audio ? [audioNinjs(audio)] : [])];
  return {
    uri: `urn:dispatch:article:${article.id}`,
    type: audio ? 'audio' : 'text',
    representationtype: 'full',
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
    altids: [{ role: 'canonical', value: article.seo.canonicalUrl }, ...article.translations.map((t) => ({ role: `translation:${t.locale}`, value: t.url }))],
    renditions: [{ name: 'web', href: article.seo.canonicalUrl, contenttype: 'text/html' }, ...(audio ? [audioRendition(audio)] : [])],
    copyrightholder: publisher,
    ...(article.corrections.length ? { ednote: article.corrections.map((c) => `Correction (${c.at}): ${c.text}`).join('\n') } : {}),
    ...(associations.length ? { associations } : {}),
  };
}

function pictureNinjs(image: ImageRef): NinjsAssociation {
  return {
    name: 'featureimage',
    uri: `urn:dispatch:media:${image.id}`,
    type: 'picture',
    headlines: [{ role: 'main', value: image.caption }],
    ...(image.alt ? { descriptions: [{ role: 'alternative', value: image.alt }] } : {}),
    ...(image.creator ? { by: image.creator } : {}),
    copyrightnotice: image.copyrightNotice || image.creditLine,
    renditions: image.renditions
      .filter((r) => r.format === 'jpeg')
      .map((r): NinjsRendition => ({ name: `jpeg-${r.width}`, href: r.url, contenttype: 'image/jpeg', width: r.width, height: r.height })),
    ...(image.credit ? { infosources: [{ name: image.credit }] } : {}),
  };
}

function audioRendition(audio: AudioRef): NinjsRendition {
  return {
    name: 'original',
    href: audio.url,
    contenttype: audio.mime,
    sizeinbytes: audio.bytes,
    ...(audio.durationSeconds !== null ? { duration: audio.durationSeconds } : {}),
  };
}

function audioNinjs(audio: AudioRef): NinjsAssociation {
  return {
    name: 'audio',
    uri: `urn:dispatch:media:${audio.id}`,
    type: 'audio',
    ...(audio.caption ? { headlines: [{ role: 'main', value: audio.caption }] } : {}),
    ...(audio.creditLine ? { copyrightnotice: audio.creditLine } : {}),
    renditions: [audioRendition(audio)],
  };
}
