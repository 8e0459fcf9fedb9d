import { slugify } from '../../../../libs/content/src/shared/slug.js';

/** The slug the server makes from a headline when a story is created without one (its own function, not a copy). */
export const slugFromHeadline = (headline: string, locale?: string): string => slugify(headline, locale) || 'untitled';

/** Whether `slug` is still the one made from `headline`: exactly, or with the number the server adds when it was taken (`-2`, `-3` …). */
export function isSlugFromHeadline(slug: string, headline: string, locale?: string): boolean {
  const made = slugFromHeadline(headline, locale);
  return slug === made || (slug.startsWith(`${made}-`) && /^\d+$/.test(slug.slice(made.length + 1)));
}

/** A story whose slug is (or has been) public: its address must not move with a headline edit. */
export const slugIsPublic = (article: { status: string; live: unknown }): boolean =>
  article.live !== null || article.status === 'published' || article.status === 'scheduled' || article.status === 'unpublished';

/**
 * The slug after the headline becomes `nextHeadline`, and the headline it was
 * made from (`from`: the last headline it followed). It follows the headline
 * while nobody has written it by hand (in this editor, or before: a slug that
 * is not `from`'s) and the story has not been public; an emptied headline
 * leaves it as it is until the next one is typed.
 */
export function followingSlug(input: { slug: string; from: string; nextHeadline: string; locale?: string; editedByHand: boolean; isPublic: boolean }): {
  slug: string;
  from: string;
} {
  const { slug, from, nextHeadline, locale, editedByHand, isPublic } = input;
  const unchanged = { slug, from };
  if (editedByHand || isPublic || !nextHeadline.trim()) return unchanged;
  if (slug !== '' && !isSlugFromHeadline(slug, from, locale)) return unchanged;
  return { slug: slugFromHeadline(nextHeadline, locale), from: nextHeadline };
}
