import { type Actor, DomainError } from '#common';
import { ARTICLE_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';

export { isOwner, listingVisibility } from '../policy/access-policy.js';

/** Whether the caller may see the article (ARTICLE_POLICY.see). */
export function canSee(actor: Actor, article: { createdById: string | null }): boolean {
  return ARTICLE_POLICY.see(actor, article).ok;
}

export function assertCanSee(actor: Actor, article: { createdById: string | null }): void {
  enforce(ARTICLE_POLICY.see(actor, article));
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
