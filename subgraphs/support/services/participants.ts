import type { DataSource } from 'typeorm';
import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import { forbidden, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { SupportSession } from '../entities/support-session';

/**
 * The contract's participants of a session: its customer, its assignee and every admin.
 * Assignees are active admins: support.staff unassigns an account demoted or suspended.
 */
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

/**
 * The session `sessionId` for a participant to follow (subscriptions): UNAUTHENTICATED,
 * BAD_USER_INPUT on `sessionId` when malformed, NOT_FOUND, then FORBIDDEN.
 */
export async function participantSession(
  db: DataSource,
  viewer: Viewer | null,
  sessionId: string,
): Promise<SupportSession> {
  requireViewer(viewer);
  requireUuid('sessionId', sessionId);
  const session = await db.getRepository(SupportSession).findOneBy({ id: sessionId });
  if (!session) throw notFound('No such support session.');
  requireParticipant(viewer, session);
  return session;
}
