import { type Actor, DomainError } from '#common';
import { ARTICLE_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';

/** Refuses a caller the access policy does not let see the article (403). */
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
