import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { badUserInput, unauthenticated } from '../../shared/errors';
import { Account } from '../entities/account';
import { refuseSessionTokens } from './access-token-revocation';
import { accountWithPasswordHash } from './account-lookup';
import { endSessions } from './end-sessions';
import { startLoginAttempt } from './login-rate-limit';
import { expireOneTimeTokens } from './one-time-tokens';
import { assertPasswordPolicy, hashPassword, presentedPassword, verifyPassword } from './passwords';
import type { ClientInfo } from './sessions';

/**
 * Changes the viewer's password after checking the current one, and signs out every other
 * device (whoever else knew the old password loses access); this session stays. Wrong
 * current passwords count as failed logins for the email, so a stolen access token cannot
 * be used to guess the password without limit.
 */
export async function changePassword(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<true> {
  const signedIn = requireViewer(viewer);
  const currentPassword = presentedPassword('currentPassword', input.currentPassword);
  assertPasswordPolicy(input.newPassword, 'newPassword');
  const account = await accountWithPasswordHash(ctx.db.manager, { id: signedIn.id });
  if (!account) throw unauthenticated('This account no longer exists.');
  const attempt = await startLoginAttempt(ctx, account.email, client.ip);
  if (!(await verifyPassword(account.passwordHash, currentPassword))) {
    throw badUserInput('currentPassword', 'The current password is incorrect.');
  }
  await attempt.succeeded();
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await ctx.db.transaction(async (manager) => {
    await manager
      .getRepository(Account)
      .update({ id: account.id }, { passwordHash, updatedAt: new Date() });
    // A reset mail asked for before the change must not undo it.
    await expireOneTimeTokens(manager, account.id, 'PASSWORD_RESET');
    return endSessions(manager, account.id, { except: signedIn.sessionId });
  });
  await refuseSessionTokens(ctx, ended);
  return true;
}
