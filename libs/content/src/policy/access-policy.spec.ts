import type { Role } from '#common';
import { ARTICLE_STATUSES } from '../workflow/workflow.js';
import { ARTICLE_POLICY, listingVisibility, MEDIA_POLICY, PERMISSION_POLICY, PERMISSIONS, roleHas } from './access-policy.js';

// Expectations are written out here, apart from the rules, from ../shared/API.md and DESIGN.md.
const ROLES: Role[] = ['contributor', 'editor', 'admin'];
const ME = '00000000-0000-4000-8000-000000000001';
const SOMEONE = '00000000-0000-4000-8000-000000000002';
const caller = (role: Role, userId: string | null = ME) => ({ role, userId });
const article = (owned: boolean) => ({ createdById: owned ? ME : SOMEONE });
const ok = (verdict: { ok: boolean }) => verdict.ok;
const owners = [true, false];

describe('route-level permissions', () => {
  const ADMIN_ONLY = ['tags:manage', 'sections:manage', 'locales:manage', 'users:manage', 'api-tokens:manage', 'webhooks:manage', 'audit:read', 'metrics:read'];
  const EDITOR_AND_UP = ['previews:revoke', 'media:delete', 'authors:manage', 'collections:read', 'collections:manage'];
  it.each(PERMISSIONS.flatMap((permission) => ROLES.map((role) => ({ permission, role }))))('$role · $permission', ({ permission, role }) => {
    const expected = ADMIN_ONLY.includes(permission) ? role === 'admin' : EDITOR_AND_UP.includes(permission) ? role !== 'contributor' : true;
    expect(roleHas(role, permission)).toBe(expected);
  });

  it('names no permission twice and none the lists above do not know', () => {
    expect(new Set(PERMISSIONS).size).toBe(Object.keys(PERMISSION_POLICY).length);
  });
});

describe('articles', () => {
  it.each(ROLES.flatMap((role) => owners.map((owned) => ({ role, owned }))))('see, comment, translate · $role (owner: $owned)', ({ role, owned }) => {
    const expected = role !== 'contributor' || owned;
    expect(ok(ARTICLE_POLICY.see(caller(role), article(owned)))).toBe(expected);
    expect(ok(ARTICLE_POLICY.comment(caller(role), article(owned)))).toBe(expected);
    expect(ok(ARTICLE_POLICY.translate(caller(role), article(owned)))).toBe(expected);
    expect(ARTICLE_POLICY.listScope(caller(role))).toBe(role === 'contributor' ? 'own' : 'all');
  });

  it('an API token (no user) with the contributor role owns nothing', () => {
    expect(ok(ARTICLE_POLICY.see(caller('contributor', null), { createdById: null }))).toBe(false);
  });

  it.each(ARTICLE_STATUSES.flatMap((status) => ROLES.flatMap((role) => owners.map((owned) => ({ status, role, owned })))))(
    'edit · $status · $role (owner: $owned)',
    ({ status, role, owned }) => {
      const verdict = ARTICLE_POLICY.edit(caller(role), { ...article(owned), status });
      if (role === 'contributor') {
        expect(verdict).toMatchObject(owned && status === 'draft' ? { ok: true } : { ok: false, reason: 'forbidden' });
      } else {
        expect(verdict).toMatchObject(['draft', 'in_review', 'approved', 'published'].includes(status) ? { ok: true } : { ok: false, reason: 'invalid_state' });
      }
    },
  );

  it.each(ROLES.flatMap((role) => owners.flatMap((ownsOne) => owners.map((ownsOther) => ({ role, ownsOne, ownsOther })))))(
    'link editions · $role (owns one: $ownsOne, owns other: $ownsOther)',
    ({ role, ownsOne, ownsOther }) => {
      expect(ok(ARTICLE_POLICY.linkEditions(caller(role), article(ownsOne), article(ownsOther)))).toBe(role !== 'contributor' || (ownsOne && ownsOther));
    },
  );

  it.each(ROLES.flatMap((role) => owners.flatMap((heldByOther) => owners.map((takeOver) => ({ role, heldByOther, takeOver })))))(
    'take the edit lock · $role (held by another: $heldByOther, take over: $takeOver)',
    ({ role, heldByOther, takeOver }) => {
      expect(ok(ARTICLE_POLICY.takeLock(caller(role), { heldByOther, takeOver }))).toBe(!heldByOther || (takeOver && role !== 'contributor'));
      expect(ARTICLE_POLICY.takeLock(caller(role, null), { heldByOther, takeOver })).toMatchObject({ ok: false, reason: 'forbidden' });
    },
  );

  it.each(ROLES.flatMap((role) => [null, ME, SOMEONE].map((lockedById) => ({ role, lockedById }))))(
    'release the edit lock · $role (held by $lockedById)',
    ({ role, lockedById }) => {
      expect(ok(ARTICLE_POLICY.releaseLock(caller(role), { lockedById }))).toBe(lockedById !== SOMEONE || role !== 'contributor');
    },
  );
});

describe('media', () => {
  it.each(ROLES.flatMap((role) => owners.flatMap((uploaded) => owners.map((live) => ({ role, uploaded, live })))))(
    'edit metadata · $role (uploader: $uploaded, used by a live story: $live)',
    ({ role, uploaded, live }) => {
      expect(ok(MEDIA_POLICY.edit(caller(role), article(uploaded), live))).toBe(role !== 'contributor' || (uploaded && !live));
    },
  );
});

describe('articles listed by other resources (media usage, editions)', () => {
  it.each(ROLES.flatMap((role) => owners.flatMap((owned) => owners.map((live) => ({ role, owned, live })))))(
    '$role (owner: $owned, live: $live)',
    ({ role, owned, live }) => {
      const expected = role !== 'contributor' || owned ? 'working_copy' : live ? 'live' : 'none';
      expect(listingVisibility(caller(role), { ...article(owned), live })).toBe(expected);
    },
  );
});
