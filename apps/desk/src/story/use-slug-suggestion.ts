import { useRef } from 'react';
import type { Article, Fields } from '../editing/fields.js';
import { followingSlug, slugIsPublic } from './slug-suggestion.js';

/**
 * Headline and slug inputs' change handlers: the slug follows the headline
 * (the server's slugify) until someone writes it by hand, and never once
 * the story has been public.
 */
export function useSlugSuggestion(article: Article, fields: Fields, setFields: (update: (now: Fields) => Fields) => void) {
  const byHand = useRef(false);
  // The headline the slug was last made from.
  const from = useRef(fields.headline);
  return {
    onHeadline: (headline: string) => {
      const next = followingSlug({
        slug: fields.slug,
        from: from.current,
        nextHeadline: headline,
        locale: article.locale,
        editedByHand: byHand.current,
        isPublic: slugIsPublic(article),
      });
      from.current = next.from;
      setFields((now) => ({ ...now, headline, slug: next.slug }));
    },
    onSlug: (slug: string) => {
      byHand.current = true;
      setFields((now) => ({ ...now, slug }));
    },
  };
}
