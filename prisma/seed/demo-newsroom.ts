import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { hashPassword } from '#auth';
import type { Actor } from '#common';
import {
  ArticleService,
  AuthorService,
  type Block,
  CollectionService,
  type CreateArticleInput,
  MediaIngestService,
  SectionService,
  TagService,
  TransitionService,
} from '#content';
import { PrismaService } from '#database';
import { PODCAST_SECONDS, demoAuthors, demoMedia, demoSections, demoTags, demoUsers } from './demo-data.js';
import { placeholderPhoto, silentMp3 } from './demo-media.js';

type Log = (line: string) => void;

/**
 * Loads the demo newsroom through Dispatch's own services: taxonomy and
 * rails through their services, media through the upload pipeline, stories
 * created as drafts and published through the workflow (snapshots, events,
 * audit included). Only the three demo users are written directly. Idempotent: what exists
 * (by email, slug, sha256) is left alone.
 */
export async function seedDemoNewsroom(app: INestApplicationContext, log: Log): Promise<void> {
  const prisma = app.get(PrismaService);
  const users: Record<string, { id: string; name: string; role: Actor['role'] }> = {};
  for (const user of demoUsers) {
    const row =
      (await prisma.user.findUnique({ where: { email: user.email } })) ??
      (await prisma.user.create({ data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) } }));
    users[user.email] = row;
  }
  const editor: Actor = {
    type: 'user',
    id: users['editor@dispatch.local']!.id,
    userId: users['editor@dispatch.local']!.id,
    role: 'editor',
    name: 'Elena Editor',
  };
  const reporter: Actor = {
    type: 'user',
    id: users['reporter@dispatch.local']!.id,
    userId: users['reporter@dispatch.local']!.id,
    role: 'contributor',
    name: 'Rade Reporter',
  };

  const admin: Actor = { type: 'user', id: users['admin@dispatch.local']!.id, userId: users['admin@dispatch.local']!.id, role: 'admin', name: 'Ada Admin' };
  const sectionService = app.get(SectionService);
  const sections: Record<string, string> = {};
  for (const [position, section] of demoSections.entries()) {
    const existing = await prisma.section.findUnique({ where: { slug: section.slug } });
    sections[section.slug] =
      existing?.id ??
      (
        await sectionService.create(admin, {
          slug: section.slug,
          name: section.name,
          names: section.names,
          position,
          parentId: section.parent ? sections[section.parent] : null,
        })
      ).id;
  }
  const tagService = app.get(TagService);
  const tags: Record<string, string> = {};
  for (const tag of demoTags) {
    tags[tag.slug] = (await prisma.tag.findUnique({ where: { slug: tag.slug } }))?.id ?? (await tagService.create(admin, { ...tag })).id;
  }
  const authorService = app.get(AuthorService);
  const authors: Record<string, string> = {};
  for (const author of demoAuthors) {
    authors[author.slug] =
      (await prisma.author.findUnique({ where: { slug: author.slug } }))?.id ??
      (
        await authorService.create(editor, {
          slug: author.slug,
          name: author.name,
          bio: author.bio,
          userId: author.userEmail ? users[author.userEmail]!.id : null,
        })
      ).id;
  }

  const ingest = app.get(MediaIngestService);
  const upload = async (bytes: Buffer, name: string, meta: Parameters<MediaIngestService['ingest']>[2]) => {
    const file = await ingest.receive(Readable.from([bytes]), name);
    return (await ingest.ingest(editor, file, meta)).asset.id;
  };
  const media: Record<string, string> = {};
  for (const [name, meta] of Object.entries(demoMedia)) {
    media[name] = await upload(await placeholderPhoto(1600, 900, meta.hue), `${name}.jpg`, {
      caption: meta.caption,
      credit: meta.credit,
      creator: meta.creator,
      copyrightNotice: meta.copyrightNotice,
      usageTerms: meta.usageTerms,
      altText: meta.altText,
      isFilePhoto: meta.isFilePhoto,
      focalPoint: meta.focal,
    });
  }
  const audio = await upload(silentMp3(PODCAST_SECONDS), 'dispatch-daily-1125.mp3', { caption: 'Dispatch Daily, episode 1125', credit: 'Dispatch' });

  const articles = app.get(ArticleService);
  const transitions = app.get(TransitionService);
  const story = async (actor: Actor, input: CreateArticleInput & { slug: string; locale: string }, publish: boolean): Promise<string> => {
    const existing = await prisma.article.findUnique({ where: { locale_slug: { locale: input.locale, slug: input.slug } } });
    if (existing) return existing.id;
    const created = await articles.create(actor, input);
    if (publish) await transitions.apply(editor, created.id, created.version, { action: 'publish' });
    return created.id;
  };
  const paragraphs = (...texts: string[]): Block[] => texts.map((text) => ({ type: 'paragraph', text }));

  const serbia = await story(
    editor,
    {
      locale: 'en',
      slug: 'serbia-invokes-un-resolution-on-kosovo',
      headline: 'Serbia invokes UN resolution on Kosovo',
      standfirst: 'Belgrade asks for the return of Serbian security forces to the north of Kosovo under Resolution 1244',
      sectionId: sections['world-news'],
      tagIds: [tags.serbia!, tags['united-nations']!, tags.kosovo!],
      authorIds: [authors.newsdesk!],
      leadMediaId: media.unSecurityCouncil,
      body: paragraphs(
        'Serbia has formally asked for up to 1,000 of its police and army personnel to return to Kosovo, citing **UN Security Council Resolution 1244**.',
        'The resolution, adopted in 1999, ended the war in Kosovo and placed the territory under international administration.',
      ),
    },
    true,
  );
  const kosovoBody: Block[] = [
    ...paragraphs(
      'The NATO-led KFOR peacekeeping force said on Saturday it was setting up additional patrols in northern Kosovo after a spike in tensions between Belgrade and Pristina.',
      'Barricades have blocked roads near the border crossings of Jarinje and Brnjak for a week, and KFOR said it was "ready to intervene if stability is jeopardised".',
    ),
    { type: 'image', mediaId: media.kosovoCheckpoint!, caption: 'KFOR soldiers at a checkpoint near Leposavic' },
    { type: 'related', articleId: serbia },
    { type: 'quote', text: 'We are following the situation closely and remain in contact with all sides.', attribution: 'KFOR spokesperson' },
    ...paragraphs('_Reporting by Rade Reporter in Leposavic._'),
  ];
  const kosovo = await story(
    editor,
    {
      locale: 'en',
      slug: 'nato-reinforces-presence-in-kosovo',
      headline: 'NATO reinforces presence in Kosovo',
      standfirst: 'The KFOR peacekeeping force sets up additional patrols in the north of the region after a spike in tensions between Belgrade and Pristina',
      sectionId: sections.europe,
      tagIds: [tags.nato!, tags.kosovo!, tags.kfor!, tags.balkans!],
      authorIds: [authors['rade-reporter']!],
      leadMediaId: media.kosovoCheckpoint,
      relatedArticleIds: [serbia],
      body: kosovoBody,
    },
    true,
  );
  await story(
    editor,
    {
      locale: 'ru',
      slug: 'nato-usilivaet-prisutstvie-v-kosovo',
      translationOf: kosovo,
      headline: 'НАТО усиливает присутствие в Косово',
      standfirst: 'Миротворческие силы KFOR организуют дополнительное патрулирование на севере края после обострения напряжённости между Белградом и Приштиной',
      sectionId: sections.europe,
      tagIds: [tags.nato!, tags.kosovo!],
      authorIds: [authors['rade-reporter']!],
      leadMediaId: media.kosovoCheckpoint,
      body: paragraphs(
        'Миротворческие силы KFOR под руководством НАТО в субботу заявили, что усиливают патрулирование на севере Косово.',
        'Баррикады уже неделю блокируют дороги у пограничных переходов Яринье и Брняк.',
      ),
    },
    true,
  );
  await story(
    editor,
    {
      locale: 'en',
      slug: 'dispatch-daily-e1125-the-balkans-on-edge',
      kind: 'podcast_episode',
      headline: 'Dispatch Daily E1125: The Balkans on edge',
      standfirst: 'Our correspondents on the barricades in northern Kosovo and what Belgrade wants.',
      sectionId: sections.podcasts,
      tagIds: [tags.kosovo!, tags.balkans!],
      authorIds: [authors.newsdesk!],
      leadMediaId: media.podcastCover,
      audioMediaId: audio,
      episodeNumber: 1125,
      body: [{ type: 'audio', mediaId: audio }, ...paragraphs('In this episode: the view from Leposavic, and the diplomacy in New York.')],
    },
    true,
  );
  const feature = await story(
    editor,
    {
      locale: 'en',
      slug: 'inside-kfor-a-day-on-patrol',
      kind: 'feature',
      headline: 'Inside KFOR: a day on patrol in northern Kosovo',
      standfirst: 'Twenty-three years after it arrived, the peacekeeping force is busier than ever.',
      sectionId: sections['world-news'],
      tagIds: [tags.kfor!, tags.nato!],
      authorIds: [authors['rade-reporter']!, authors['elena-editor']!],
      leadMediaId: media.kosovoCheckpoint,
      body: paragraphs('The patrol leaves the base at dawn.', 'By noon, the convoy has passed four barricades.'),
    },
    true,
  );
  await story(
    reporter,
    {
      locale: 'en',
      slug: 'eu-envoy-to-visit-belgrade-and-pristina',
      headline: 'EU envoy to visit Belgrade and Pristina',
      standfirst: 'A draft still with the desk.',
      sectionId: sections.europe,
      tagIds: [tags.kosovo!, tags.serbia!],
      body: paragraphs('The EU special representative is expected next week.'),
    },
    false,
  );

  const collections = app.get(CollectionService);
  for (const [slug, name, items, label] of [
    ['top-stories', 'Top stories', [kosovo, serbia], null],
    ['features', 'Features', [feature], 'FEATURE'],
  ] as const) {
    if (await prisma.collection.findUnique({ where: { slug_locale: { slug, locale: 'en' } } })) continue;
    const collection = await collections.create(editor, { slug, locale: 'en', name });
    await collections.replaceItems(editor, collection.id, undefined, {
      articleIds: [...items],
      labels: label ? Object.fromEntries(items.map((id) => [id, label])) : undefined,
    });
  }
  log(`demo newsroom: ${demoUsers.length} users, ${demoSections.length} sections, ${demoTags.length} tags, ${await prisma.article.count()} articles`);
}
