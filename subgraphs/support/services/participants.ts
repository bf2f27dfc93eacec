import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import { forbidden } from '../../shared/errors';
import type { SupportSession } from '../entities/support-session';

/** The contract's participants of a session: its customer, its assignee and every admin. */
export const isParticipant = (viewer: Viewer, session: SupportSession): boolean =>
  viewer.role === 'ADMIN' || viewer.id === session.customerId || viewer.id === session.assigneeId;

/** UNAUTHENTICATED when anonymous, FORBIDDEN for a non-participant. */
export function requireParticipant(viewer: Viewer | null, session: SupportSession): Viewer {
  const signedIn = requireViewer(viewer);
  if (!isParticipant(signedIn, session)) {
    throw forbidden('Only the participants of a support session can see it.');
  }
  return signedIn;
}
