import { type Actor, DomainError, isEditorOrAbove } from '#common';

/** Contributors see and edit only the articles they created. */
export function canSee(actor: Actor, article: { createdById: string | null }): boolean {
  return isEditorOrAbove(actor) || (actor.userId !== null && article.createdById === actor.userId);
}

export function assertCanSee(actor: Actor, article: { createdById: string | null }): void {
  if (!canSee(actor, article)) throw DomainError.forbidden('Contributors can only work on their own articles');
}

/**
 * How much of an article a caller may see where another resource lists it
 * (media usage, language editions): the working copy when they may see the
 * article, else only its live version (public anyway), else nothing. A
 * contributor never learns another person's draft this way.
 */
export function listingVisibility(actor: Actor, article: { createdById: string | null; live: boolean }): 'working_copy' | 'live' | 'none' {
  if (canSee(actor, article)) return 'working_copy';
  return article.live ? 'live' : 'none';
}

export function isOwner(actor: Actor, article: { createdById: string | null }): boolean {
  return actor.userId !== null && article.createdById === actor.userId;
}

/** Optimistic concurrency: the caller must have seen the current version. */
export function assertVersion(article: { version: number }, expected: number): void {
  if (article.version !== expected) {
    throw new DomainError('version_conflict', `The article has changed since version ${expected}; it is now at version ${article.version}`, {
      extensions: { currentVersion: article.version },
      headers: { etag: `"${article.version}"` },
    });
  }
}
