/**
 * Who may do what to which resource, as data plus pure rules: no Nest, no
 * Prisma. Two layers, both here so they cannot drift apart:
 *
 * - PERMISSION_POLICY: the least role each route-level permission needs. The
 *   admin API's guard enforces it on every handler (each declares one), and
 *   the authorization matrix test reads its expectations from it.
 * - ARTICLE_POLICY, MEDIA_POLICY, listingVisibility: the finer rules the
 *   services apply once they have loaded the resource (ownership, status,
 *   live use). Workflow transitions have their own table in
 *   ../workflow/workflow.ts, which says who may make each move.
 *
 * Rules answer with a Verdict; services turn a refusal into a DomainError
 * (policy-enforcement.ts), so the Desk can ask the same questions without one.
 */
import type { Actor, Role } from '#common';
import type { ArticleStatus } from '../workflow/workflow.js';

const RANK: Record<Role, number> = { contributor: 0, editor: 1, admin: 2 };

/** True when `role` is `least` or above. */
export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The least role for each permission an admin route can require. */
export const PERMISSION_POLICY = {
  'profile:read': 'contributor',
  // Articles: any user at the route; contributors are held to their own articles by ARTICLE_POLICY.
  'articles:read': 'contributor',
  'articles:write': 'contributor',
  'articles:transition': 'contributor',
  'articles:comment': 'contributor',
  // Ending all of an article's preview links: those who may also archive or unpublish it.
  'previews:revoke': 'editor',
  'media:read': 'contributor',
  'media:upload': 'contributor',
  // Contributors: their own uploads while no live story shows them (MEDIA_POLICY.edit).
  'media:edit': 'contributor',
  'media:delete': 'editor',
  'taxonomy:read': 'contributor',
  'tags:manage': 'admin',
  'sections:manage': 'admin',
  'authors:manage': 'editor',
  'locales:manage': 'admin',
  // Rails list working copies, other people's drafts included.
  'collections:read': 'editor',
  'collections:manage': 'editor',
  'users:manage': 'admin',
  'api-tokens:manage': 'admin',
  'webhooks:manage': 'admin',
  'audit:read': 'admin',
  'metrics:read': 'admin',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSION_POLICY;
export const PERMISSIONS = Object.keys(PERMISSION_POLICY) as Permission[];

/** Whether a role holds a route-level permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSION_POLICY[permission]);
}

/** A rule's answer: allowed, or refused with why (`invalid_state`: the caller may, but not in this state). */
export type Verdict = { ok: true } | { ok: false; reason: 'forbidden' | 'invalid_state'; message: string };

const ALLOW: Verdict = { ok: true };
const refuse = (message: string, reason: 'forbidden' | 'invalid_state' = 'forbidden'): Verdict => ({ ok: false, reason, message });

type Caller = Pick<Actor, 'role' | 'userId'>;
/** The facts of an article the rules read. */
export interface OwnedArticle {
  createdById: string | null;
}

/** The caller created it (API tokens and the system own nothing). */
export function isOwner(actor: Caller, resource: OwnedArticle): boolean {
  return actor.userId !== null && resource.createdById === actor.userId;
}

const isEditor = (actor: Pick<Actor, 'role'>) => roleAtLeast(actor.role, 'editor');

/** Working-copy statuses an editor may edit; scheduled must be unscheduled, unpublished and archived restored first. */
export const EDITOR_EDITABLE: readonly ArticleStatus[] = ['draft', 'in_review', 'approved', 'published'];

export const ARTICLE_POLICY = {
  /** Editors see every article; contributors their own (others' only where public: see listingVisibility). */
  see(actor: Caller, article: OwnedArticle): Verdict {
    return isEditor(actor) || isOwner(actor, article) ? ALLOW : refuse('Contributors can only work on their own articles');
  },

  /** Which articles the article list shows the caller. */
  listScope(actor: Caller): 'all' | 'own' {
    return isEditor(actor) ? 'all' : 'own';
  },

  /** Changing the working copy's content: contributors their own drafts; editors anything not scheduled, unpublished or archived. */
  edit(actor: Caller, article: OwnedArticle & { status: ArticleStatus }): Verdict {
    if (isEditor(actor)) {
      if (EDITOR_EDITABLE.includes(article.status)) return ALLOW;
      const hint = article.status === 'scheduled' ? 'unschedule it first' : 'restore it first';
      return refuse(`A ${article.status} article cannot be edited; ${hint}`, 'invalid_state');
    }
    return isOwner(actor, article) && article.status === 'draft'
      ? ALLOW
      : refuse(`Contributors can edit only their own drafts; this article is ${article.status}`);
  },

  /** Editorial comments, revisions, history and preview links: whoever may see the article. */
  comment(actor: Caller, article: OwnedArticle): Verdict {
    return ARTICLE_POLICY.see(actor, article);
  },

  /** Starting a new edition of `source`: else anyone could take a language's slot in any story (and read its editions' drafts). */
  translate(actor: Caller, source: OwnedArticle): Verdict {
    return ARTICLE_POLICY.see(actor, source).ok ? ALLOW : refuse('Contributors can translate only their own articles');
  },

  /** Linking or unlinking two editions of one story. */
  linkEditions(actor: Caller, article: OwnedArticle, other: OwnedArticle): Verdict {
    if (isEditor(actor) || (ARTICLE_POLICY.see(actor, article).ok && ARTICLE_POLICY.see(actor, other).ok)) return ALLOW;
    return refuse('Contributors can link only their own articles');
  },

  /** Taking the soft edit lock: people only; an editor may take over another's live lock when asking to. */
  takeLock(actor: Caller, lock: { heldByOther: boolean; takeOver: boolean }): Verdict {
    if (actor.userId === null) return refuse('Only people can hold an edit lock');
    return !lock.heldByOther || (lock.takeOver && isEditor(actor)) ? ALLOW : refuse('Someone else holds the edit lock', 'invalid_state');
  },

  /** Releasing the lock: its holder, or an editor. */
  releaseLock(actor: Caller, lock: { lockedById: string | null }): Verdict {
    return lock.lockedById === null || lock.lockedById === actor.userId || isEditor(actor) ? ALLOW : refuse('The lock is held by someone else');
  },
};

export const MEDIA_POLICY = {
  /**
   * Correcting an asset's metadata. Editors: any asset. Contributors: their
   * own uploads, and only while no live story uses them — a live photo's
   * credit, caption or rights are what the public sees, so they are the
   * desk's to change.
   */
  edit(actor: Caller, asset: OwnedArticle, usedByLiveStory: boolean): Verdict {
    if (isEditor(actor)) return ALLOW;
    if (!isOwner(actor, asset)) return refuse('Contributors can change only their own uploads');
    return usedByLiveStory ? refuse('A live story uses this asset: ask an editor to change it') : ALLOW;
  },
};

/**
 * How much of an article a caller may see where another resource lists it
 * (media usage, language editions): the working copy when they may see the
 * article, else only its live version (public anyway), else nothing. A
 * contributor never learns another person's draft this way.
 */
export function listingVisibility(actor: Caller, article: OwnedArticle & { live: boolean }): 'working_copy' | 'live' | 'none' {
  if (ARTICLE_POLICY.see(actor, article).ok) return 'working_copy';
  return article.live ? 'live' : 'none';
}
