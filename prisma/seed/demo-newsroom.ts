import { createHash } from 'node:crypto';
import type { PrismaClient } from '#database';
import { hashPassword } from '#auth';
import { contentKey, type MediaStorage } from '#content';
import sharp from 'sharp';
import { PODCAST_SECONDS, demoAuthors, demoLocales, demoMedia, demoSections, demoTags, demoUsers } from './demo-data.js';
import { placeholderPhoto, silentMp3 } from './demo-media.js';

type Log = (line: string) => void;

/**
 * Loads the demo newsroom. Idempotent: rows are found by their natural keys
 * (email, slug, sha256) and left alone when present.
 */
export async function seedDemoNewsroom(prisma: PrismaClient, storage: MediaStorage, log: Log): Promise<void> {
  for (const [position, locale] of demoLocales.entries()) {
    await prisma.locale.upsert({ where: { code: locale.code }, create: { ...locale, position }, update: {} });
  }
  const users: Record<string, string> = {};
  for (const user of demoUsers) {
    const existing = await prisma.user.findUnique({ where: { email: user.email } });
    const row =
      existing ??
      (await prisma.user.create({
        data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
      }));
    users[user.email] = row.id;
  }
  const sections: Record<string, string> = {};
  for (const [position, section] of demoSections.entries()) {
    const row = await prisma.section.upsert({
      where: { slug: section.slug },
      create: { slug: section.slug, name: section.name, names: section.names, position, parentId: section.parent ? sections[section.parent] : null },
      update: {},
    });
    sections[section.slug] = row.id;
  }
  const tags: Record<string, string> = {};
  for (const tag of demoTags) {
    const row = await prisma.tag.upsert({ where: { slug: tag.slug }, create: { ...tag }, update: {} });
    tags[tag.slug] = row.id;
  }
  const authors: Record<string, string> = {};
  for (const author of demoAuthors) {
    const row = await prisma.author.upsert({
      where: { slug: author.slug },
      create: { slug: author.slug, name: author.name, bio: author.bio, userId: author.userEmail ? users[author.userEmail] : null },
      update: {},
    });
    authors[author.slug] = row.id;
  }
  const media: Record<string, string> = {};
  for (const [name, meta] of Object.entries(demoMedia)) {
    const bytes = await placeholderPhoto(1600, 900, meta.hue);
    media[name] = await storeAsset(prisma, storage, bytes, 'image/jpeg', {
      kind: 'image',
      caption: meta.caption,
      credit: meta.credit,
      creator: meta.creator,
      copyrightNotice: meta.copyrightNotice,
      usageTerms: meta.usageTerms,
      altText: meta.altText,
      isFilePhoto: meta.isFilePhoto,
      focalX: meta.focal.x,
      focalY: meta.focal.y,
      createdById: users['editor@dispatch.local'],
    });
  }
  media.podcastAudio = await storeAsset(prisma, storage, silentMp3(PODCAST_SECONDS), 'audio/mpeg', {
    kind: 'audio',
    caption: 'Dispatch Daily, episode 1125',
    credit: 'Dispatch',
    durationSeconds: PODCAST_SECONDS,
    createdById: users['editor@dispatch.local'],
  });
  log(`demo newsroom: ${demoUsers.length} users, ${demoSections.length} sections, ${demoTags.length} tags, ${Object.keys(media).length} media assets`);
}

async function storeAsset(
  prisma: PrismaClient,
  storage: MediaStorage,
  bytes: Buffer,
  mime: string,
  data: {
    kind: 'image' | 'audio';
    caption?: string;
    credit?: string;
    creator?: string;
    copyrightNotice?: string;
    usageTerms?: string;
    altText?: string;
    isFilePhoto?: boolean;
    focalX?: number;
    focalY?: number;
    durationSeconds?: number;
    createdById?: string;
  },
): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await prisma.mediaAsset.findUnique({ where: { sha256 } });
  if (existing) return existing.id;
  const key = contentKey(sha256);
  await storage.put(key, bytes, mime);
  const size = data.kind === 'image' ? await sharp(bytes).metadata() : undefined;
  const row = await prisma.mediaAsset.create({
    data: { ...data, mime, sha256, bytes: BigInt(bytes.length), storageKey: key, width: size?.width ?? null, height: size?.height ?? null },
  });
  return row.id;
}
