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

export const requireAdmin = (viewer: Viewer | null): Viewer => requireRole(viewer, 'ADMIN');

/**
 * The owner of a resource (a course's instructor, a booking's student) or an admin: the
 * rule most mutations share. `ownerId` comes from the owning subgraph's own row.
 */
export function requireOwnerOrAdmin(
  viewer: Viewer | null,
  ownerId: string,
  message = 'Only its owner or an admin can do this.',
): Viewer {
  const signedIn = requireViewer(viewer);
  if (!isSelfOrAdmin(signedIn, ownerId)) throw forbidden(message);
  return signedIn;
}

export const requireSelfOrAdmin = (viewer: Viewer | null, userId: string): Viewer =>
  requireOwnerOrAdmin(viewer, userId, 'Only the user themself or an admin can do this.');

/** The owner only, admins included only when they are the owner. */
export function requireOwner(viewer: Viewer | null, ownerId: string, message?: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.id !== ownerId) throw forbidden(message ?? 'Only its owner can do this.');
  return signedIn;
}

export function requireSelf(viewer: Viewer | null, userId: string, what = 'This'): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.id !== userId) throw forbidden(`${what} is visible only to its owner.`);
  return signedIn;
}
