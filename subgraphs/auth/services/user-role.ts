import { requireAdmin, type Role, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { Account } from '../entities/account';
import { NEXT_ACCESS_VERSION, recordAccessChanged } from './access-changed';
import { refuseTokensIssuedBefore } from './access-token-revocation';

/**
 * ADMIN only. Sets a user's role. Access tokens carry the role, so those issued before the
 * change are refused from now on (tokens_valid_after, and the revocation list after the
 * commit); the sessions stay, and refreshToken issues a token with the new role.
 * The same transaction records user.access-changed; after the commit it waits (bounded)
 * until support's staff view has it, so a new admin can be assigned sessions at once.
 */
export async function setUserRole(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { userId: string; role: Role },
): Promise<Account> {
  const admin = requireAdmin(viewer);
  const userId = requireUuid('userId', input.userId);
  const { account, changedAt, event } = await ctx.db.transaction(async (manager) => {
    const accounts = manager.getRepository(Account);
    const found = await accounts.findOne({
      where: { id: userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw notFound('No user has this id.');
    if (found.role === input.role) return { account: found, changedAt: null, event: null };
    // The platform must keep someone able to manage roles.
    if (found.id === admin.id) throw conflict('Admins cannot remove their own ADMIN role.');
    // Taken under the row lock, so any token a concurrent logIn or refresh signed with the
    // old role was signed before this instant.
    const now = new Date();
    await accounts.update(
      { id: userId },
      {
        role: input.role,
        tokensValidAfter: now,
        updatedAt: now,
        accessVersion: NEXT_ACCESS_VERSION,
      },
    );
    const changed = await accounts.findOneByOrFail({ id: userId });
    return {
      account: changed,
      changedAt: now,
      event: await recordAccessChanged(ctx, manager, changed),
    };
  });
  if (changedAt) await refuseTokensIssuedBefore(ctx, userId, changedAt);
  if (event) await ctx.events.committed([event]);
  return account;
}
