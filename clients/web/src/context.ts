import { createContext, useContext } from 'react';
import type { CampusSession } from './session';

export const SessionContext = createContext<CampusSession | null>(null);

/** The signed-in person's session (tokens, urql client, graphql-ws). */
export function useSession(): CampusSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the app');
  return session;
}
