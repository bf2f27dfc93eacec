import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { Account, type AccountStatus } from '../entities/account';
import { NEXT_ACCESS_VERSION, recordAccessChanged } from './access-changed';
import { refuseSessionTokens } from './access-token-revocation';
import { endSessions } from './end-sessions';

/**
 * ADMIN only. Suspending ends every session of the account (database and revocation list),
 * so its access tokens stop working at once; logIn and refreshToken refuse it until it is
 * ACTIVE again. An admin cannot suspend their own account (CONFLICT). A change records
 * user.access-changed in its transaction (a suspended admin cannot be assigned support
 * sessions and loses the ones they had) and waits, bounded, until support applied it.
 */
export async function setAccountStatus(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { userId: string; status: AccountStatus },
): Promise<Account> {
  const admin = requireAdmin(viewer);
  const userId = requireUuid('userId', input.userId);
  if (input.status === 'SUSPENDED' && userId === admin.id) {
    throw conflict('Admins cannot suspend their own account.');
  }
  const { account, ended, event } = await ctx.db.transaction(async (manager) => {
    const accounts = manager.getRepository(Account);
    const found = await accounts.findOne({
      where: { id: userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw notFound('No user has this id.');
    const changed = found.status !== input.status;
    if (changed) {
      await accounts.update(
        { id: userId },
        { status: input.status, updatedAt: new Date(), accessVersion: NEXT_ACCESS_VERSION },
      );
    }
    // Also when already suspended: ending sessions is idempotent and costs one UPDATE.
    const revoked = input.status === 'SUSPENDED' ? await endSessions(manager, userId) : [];
    const account = await accounts.findOneByOrFail({ id: userId });
    const event = changed ? await recordAccessChanged(ctx, manager, account) : null;
    return { account, ended: revoked, event };
  });
  await refuseSessionTokens(ctx, ended);
  if (event) await ctx.events.committed([event]);
  return account;
}
