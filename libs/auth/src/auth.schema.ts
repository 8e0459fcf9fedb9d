import { type Static, Type } from '@sinclair/typebox';
import { Component, Dictionary, Nullable, Obj, PageSchema, ROLES, StringEnum, Timestamp, Uuid } from '#common';

/** A role, as users and API tokens carry it. */
const RoleSchema = StringEnum(ROLES);

/** A user as the admin API shows it (never the password hash). */
export const UserSchema = Component(
  'User',
  Obj({
    id: Uuid(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    disabled: Type.Boolean({ description: 'a disabled user cannot log in, and their sessions and API tokens are refused' }),
    lastLoginAt: Nullable(Timestamp({ description: 'null until the first login' })),
    createdAt: Timestamp(),
  }),
);
export type UserView = Static<typeof UserSchema>;

export const UserPageSchema = Component('UserPage', PageSchema(UserSchema));

/** POST /auth/login. */
export const LoginResultSchema = Component(
  'LoginResult',
  Obj({
    accessToken: Type.String({ description: 'an opaque session token (not a JWT): send it as `Authorization: Bearer <accessToken>`' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ minimum: 1, description: 'seconds the session lasts from now' }),
    user: UserSchema,
  }),
);
export type LoginResult = Static<typeof LoginResultSchema>;

/** GET /me for a session: the user. */
export const MeUserSchema = Component(
  'MeUser',
  Obj({
    type: Type.Literal('user'),
    id: Uuid(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    disabled: Type.Boolean(),
    lastLoginAt: Nullable(Timestamp()),
    createdAt: Timestamp(),
  }),
);

/** GET /me for an API token: the token's id, name (`token:<name>`) and role. */
export const MeApiTokenSchema = Component(
  'MeApiToken',
  Obj({
    type: Type.Literal('api_token'),
    id: Uuid(),
    name: Type.String({ description: '`token:<name>`' }),
    role: RoleSchema,
  }),
);

export const MeSchema = Component(
  'Me',
  Type.Unsafe<Static<typeof MeUserSchema> | Static<typeof MeApiTokenSchema>>({
    // Told apart by `type`. No OpenAPI discriminator: ajv (the e2e response check) refuses `mapping`, and without one
    // tools would take the component names (MeUser) as the values of `type`.
    oneOf: [MeUserSchema, MeApiTokenSchema],
    description: 'the user for a session token (`type: user`), the token itself for an API token (`type: api_token`)',
  }),
);
export type MeView = Static<typeof MeSchema>;

const apiTokenFields = {
  id: Uuid(),
  name: Type.String(),
  role: RoleSchema,
  prefix: Type.String({ description: 'the first characters of the value, to recognise it; never the value' }),
  expiresAt: Nullable(Timestamp({ description: 'null: does not expire' })),
  revokedAt: Nullable(Timestamp()),
  lastUsedAt: Nullable(Timestamp({ description: 'refreshed at most once a minute' })),
  createdAt: Timestamp(),
  createdById: Nullable(Uuid({ description: 'the user who created it' })),
};

/** An API token as lists show it: never its value. */
export const ApiTokenSchema = Component('ApiToken', Obj(apiTokenFields));
export type ApiTokenView = Static<typeof ApiTokenSchema>;

/** POST /api-tokens: the token with its value, shown in this response only. */
export const CreatedApiTokenSchema = Component(
  'CreatedApiToken',
  Obj({ ...apiTokenFields, token: Type.String({ description: 'the value, in this response only: store it now (opaque, not a JWT)' }) }),
);
export type CreatedApiTokenView = Static<typeof CreatedApiTokenSchema>;

export const ApiTokenPageSchema = Component('ApiTokenPage', PageSchema(ApiTokenSchema));

/** One entry of the audit log. */
export const AuditEventSchema = Component(
  'AuditEvent',
  Obj({
    id: Uuid(),
    at: Timestamp(),
    actorId: Nullable(Uuid({ description: 'the user or API token; null for the system and anonymous callers (a failed login)' })),
    actorType: StringEnum(['user', 'api_token', 'system', 'anonymous']),
    action: Type.String({ description: 'what happened, `<entity>.<verb>`: `user.role_changed`, `article.published`, `auth.login_failed`, …' }),
    entityType: Type.String({ description: '`user`, `api_token`, `article`, `tag`, `webhook`, …' }),
    entityId: Nullable(Type.String({ description: 'the entity (a UUID, or a locale code); null when there is none, as a failed login for an unknown email' })),
    data: Dictionary(Type.Unknown(), {
      description: 'details per action, e.g. `{ from, to }` for a role change or a transition, `{ email, ip, reason }` for a failed login; `{}` when none',
    }),
  }),
);
export type AuditEventView = Static<typeof AuditEventSchema>;

export const AuditEventPageSchema = Component('AuditEventPage', PageSchema(AuditEventSchema));
