import { createContext, useContext } from 'react';
import type { AdminClient } from '#client';
import type { Session } from './session.js';

export interface SignedIn {
  session: Session;
  client: AdminClient;
}

export const SessionContext = createContext<SignedIn | null>(null);

/** The signed-in user and the client carrying their token (inside the signed-in part of the app only). */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(SessionContext);
  if (!signedIn) throw new Error('useSignedIn outside a session');
  return signedIn;
}
