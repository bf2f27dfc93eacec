import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { SupportSession } from '../entities/support-session';
import { requireAssignableAdmin } from './assignees';
import { lockSession } from './locked-session';
import { notifySessionChanged } from './notify';

/**
 * assignSupportSession (admins only): the session goes to `adminId`, by default the
 * viewer, and becomes ASSIGNED (a RESOLVED one is taken up again). Assignees read the
 * whole conversation, so `adminId` must be an active admin in support's staff view (from
 * auth's events; see requireAssignableAdmin). UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT
 * (`sessionId`, `adminId`: malformed, or not an active admin), NOT_FOUND, CONFLICT when
 * the session is CLOSED.
 */
export async function assignSupportSession(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { sessionId: string; adminId?: string | null },
): Promise<SupportSession> {
  const admin = requireAdmin(viewer);
  requireUuid('sessionId', input.sessionId);
  const assigneeId = requireUuid('adminId', input.adminId ?? admin.id);

  const { session, changed } = await ctx.db.transaction(async (manager) => {
    await requireAssignableAdmin(manager, admin, assigneeId);
    const session = await lockSession(manager, input.sessionId);
    if (session.status === 'CLOSED') {
      throw conflict('A closed support session cannot be assigned.');
    }
    const changed = session.status !== 'ASSIGNED' || session.assigneeId !== assigneeId;
    if (changed) {
      session.status = 'ASSIGNED';
      session.assigneeId = assigneeId;
      await manager.update(SupportSession, { id: session.id }, { status: 'ASSIGNED', assigneeId });
    }
    return { session, changed };
  });
  if (changed) await notifySessionChanged(ctx, session);
  return session;
}
