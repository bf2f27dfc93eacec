import { forbidden, unauthenticated } from '../errors';

export type Role = 'STUDENT' | 'INSTRUCTOR' | 'ADMIN';

/** Who is asking, from a verified access token. */
export interface Viewer {
  id: string;
  role: Role;
  sessionId: string;
  tokenId: string;
}

/**
 * Authorization helpers every subgraph uses, so that a rule reads the same everywhere.
 * Each throws the contract's error or returns the signed-in viewer.
 */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const signedIn = requireViewer(viewer);
  if (!roles.includes(signedIn.role)) throw forbidden();
  return signedIn;
}

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.role === 'ADMIN';

export const isSelfOrAdmin = (viewer: Viewer | null, userId: string): boolean =>
  viewer !== null && (viewer.id === userId || viewer.role === 'ADMIN');

export function requireSelfOrAdmin(viewer: Viewer | null, userId: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (!isSelfOrAdmin(signedIn, userId)) throw forbidden();
  return signedIn;
}

export function requireSelf(viewer: Viewer | null, userId: string, what = 'This'): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.id !== userId) throw forbidden(`${what} is visible only to its owner.`);
  return signedIn;
}
