import { type AdminClient, type AdminComponents, createAdminClient } from '#client';

export type User = AdminComponents['schemas']['User'];

/** A signed-in user: the session token from POST /auth/login and who it belongs to. */
export interface Session {
  token: string;
  /** Epoch milliseconds when the server ends the session. */
  expiresAt: number;
  user: User;
}

// sessionStorage: the token lives as long as the tab, and no other tab or later visit reuses it.
const KEY = 'dispatch.desk.session';

export function loadSession(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** The typed admin client, same origin as the page (the admin API serves the Desk). */
export function adminClient(token?: string): AdminClient {
  return createAdminClient({ baseUrl: window.location.origin, ...(token === undefined ? {} : { token }) });
}

export async function signIn(email: string, password: string): Promise<Session> {
  const result = await adminClient().post('/admin/v1/auth/login', { body: { email, password } });
  return { token: result.accessToken, expiresAt: Date.now() + result.expiresIn * 1000, user: result.user };
}
