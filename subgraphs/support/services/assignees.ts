import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/auth/viewer';
import { badUserInput } from '../../shared/errors';
import { StaffAccount } from '../entities/staff-account';
import { SupportSession } from '../entities/support-session';

/** Who may be assigned a support session: an ADMIN whose account is not suspended. */
export const isActiveAdmin = (account: Pick<StaffAccount, 'role' | 'status'>): boolean =>
  account.role === 'ADMIN' && account.status === 'ACTIVE';

/**
 * BAD_USER_INPUT on `adminId` unless `adminId` is an active admin in support's staff view
 * (support.staff, from auth's events). An admin assigning themself is one by their token,
 * which suffices while the view has not heard of them yet (the demo seed, an event on its
 * way); a view that knows better (demoted, suspended) still wins.
 *
 * The row is read FOR SHARE, before the session is locked: a demotion being applied
 * (support.staff updates this row, then unassigns the account's sessions) either commits
 * first and is seen here, or waits for this assignment and then undoes it. Staff row first,
 * session second, in both, so they never deadlock.
 */
export async function requireAssignableAdmin(
  manager: EntityManager,
  viewer: Viewer,
  adminId: string,
): Promise<void> {
  const staff = await manager.getRepository(StaffAccount).findOne({
    where: { userId: adminId },
    lock: { mode: 'pessimistic_read' },
  });
  const assignable = staff ? isActiveAdmin(staff) : adminId === viewer.id;
  if (!assignable) {
    throw badUserInput(
      'adminId',
      'Only an active admin can be assigned a support session; adminId names no such account.',
    );
  }
}

/**
 * Takes every session away from an account that is no longer an active admin, CLOSED ones
 * included (an assignee reads the whole conversation): ASSIGNED ones go back to OPEN for
 * another admin, RESOLVED and CLOSED keep their status. Returns the sessions as changed.
 */
export async function unassignSessionsOf(
  manager: EntityManager,
  userId: string,
): Promise<SupportSession[]> {
  const sessions = await manager
    .getRepository(SupportSession)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.assignee_id = :userId', { userId })
    .orderBy('s.id')
    .getMany();
  if (sessions.length === 0) return [];
  await manager.query(
    `UPDATE "support"."support_sessions"
        SET "assignee_id" = NULL,
            "status" = CASE WHEN "status" = 'ASSIGNED' THEN 'OPEN' ELSE "status" END
      WHERE "id" = ANY($1::uuid[])`,
    [sessions.map((s) => s.id)],
  );
  for (const session of sessions) {
    session.assigneeId = null;
    if (session.status === 'ASSIGNED') session.status = 'OPEN';
  }
  return sessions;
}
