export type Role = 'contributor' | 'editor' | 'admin';

export const ROLES: readonly Role[] = ['contributor', 'editor', 'admin'];

/** Who is doing something: a signed-in user, an API token, or Dispatch itself. */
export interface Actor {
  type: 'user' | 'api_token' | 'system';
  /** The user's id, the API token's id, or null for the system. */
  id: string | null;
  /** The user behind the action (null for API tokens and the system). */
  userId: string | null;
  role: Role;
  name: string;
}

/** The worker and start-up tasks act as this. */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, userId: null, role: 'admin', name: 'Dispatch' };

export function isEditorOrAbove(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'editor' || actor.role === 'admin';
}
