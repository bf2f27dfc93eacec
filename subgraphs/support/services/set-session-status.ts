import { isAdmin, requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict, forbidden } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { SupportSession, type SupportSessionStatus } from '../entities/support-session';
import { lockSession } from './locked-session';
import { notifySessionChanged } from './notify';

/** What a customer may do to their own session: call it done. */
const CUSTOMER_STATUSES: SupportSessionStatus[] = ['RESOLVED', 'CLOSED'];

/**
 * Who may move `session` to `status`: an admin always; its customer only to RESOLVED or
 * CLOSED (FORBIDDEN otherwise), and not out of CLOSED (CONFLICT: reopening is for admins);
 * anyone else FORBIDDEN.
 */
function requireStatusChangeAllowed(
  viewer: Viewer,
  session: SupportSession,
  status: SupportSessionStatus,
): void {
  if (isAdmin(viewer)) return;
  if (viewer.id !== session.customerId || !CUSTOMER_STATUSES.includes(status)) {
    throw forbidden('Only an admin, or the customer resolving or closing it, can do this.');
  }
  if (session.status === 'CLOSED' && status !== 'CLOSED') {
    throw conflict('A closed support session can be reopened by an admin only.');
  }
}

/**
 * setSupportSessionStatus. OPEN clears the assignee (an OPEN session waits for one);
 * ASSIGNED needs an assignee (CONFLICT otherwise: assignSupportSession sets both).
 * UNAUTHENTICATED, BAD_USER_INPUT (`sessionId`), NOT_FOUND, FORBIDDEN, CONFLICT.
 */
export async function setSupportSessionStatus(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { sessionId: string; status: SupportSessionStatus },
): Promise<SupportSession> {
  const signedIn = requireViewer(viewer);
  requireUuid('sessionId', input.sessionId);
  const { status } = input;

  const { session, changed } = await ctx.db.transaction(async (manager) => {
    const session = await lockSession(manager, input.sessionId);
    requireStatusChangeAllowed(signedIn, session, status);
    const assigneeId = status === 'OPEN' ? null : session.assigneeId;
    if (status === 'ASSIGNED' && assigneeId === null) {
      throw conflict('Assign the session (assignSupportSession) to make it ASSIGNED.');
    }
    const changed = session.status !== status || session.assigneeId !== assigneeId;
    if (changed) {
      session.status = status;
      session.assigneeId = assigneeId;
      await manager.update(SupportSession, { id: session.id }, { status, assigneeId });
    }
    return { session, changed };
  });
  if (changed) await notifySessionChanged(ctx, session);
  return session;
}
