import type { ServiceContext } from '../../shared/context';
import { badUserInput } from '../../shared/errors';
import { Account } from '../entities/account';
import { refuseSessionTokens } from './access-token-revocation';
import { presentedEmail } from './emails';
import { endSessions } from './end-sessions';
import { clearLoginFailures } from './login-rate-limit';
import { passwordResetMail } from './mail-templates';
import { deliverMailSoon, enqueueMail } from './mail-outbox';
import {
  PASSWORD_RESET_TTL_MINUTES,
  consumeOneTimeToken,
  expireOneTimeTokens,
  issueOneTimeToken,
} from './one-time-tokens';
import { presentedToken } from './opaque-tokens';
import { assertPasswordPolicy, hashPassword } from './passwords';

/**
 * Mails a single-use reset token (30 minutes) when the address has an account; older reset
 * tokens stop working. The answer is true either way and mail goes out in the background,
 * so neither the result nor the response time tells whether the account exists.
 */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<true> {
  const address = presentedEmail('email', email);
  const queued = await ctx.db.transaction(async (manager) => {
    const account = await manager.getRepository(Account).findOneBy({ email: address });
    if (!account) return false;
    const token = await issueOneTimeToken(
      manager,
      account.id,
      'PASSWORD_RESET',
      PASSWORD_RESET_TTL_MINUTES * 60_000,
    );
    await enqueueMail(manager, passwordResetMail(account.email, token, PASSWORD_RESET_TTL_MINUTES));
    return true;
  });
  if (queued) deliverMailSoon(ctx.db);
  return true;
}

/**
 * Sets a new password with a reset token, used up atomically (a second use is refused).
 * Every session of the account ends, since someone else may hold one; the mail proved the
 * address, so it counts as verified, and the email's failed logins are forgotten.
 */
export async function resetPassword(
  ctx: ServiceContext,
  input: { token: string; newPassword: string },
): Promise<true> {
  const token = presentedToken('token', input.token);
  assertPasswordPolicy(input.newPassword, 'newPassword');
  const { email, ended } = await ctx.db.transaction(async (manager) => {
    const accountId = await consumeOneTimeToken(manager, 'PASSWORD_RESET', token);
    if (!accountId) {
      throw badUserInput('token', 'This reset token is invalid, used or expired.');
    }
    // Hashed only for a valid token: invalid ones cost the server nothing.
    const passwordHash = await hashPassword(input.newPassword);
    const accounts = manager.getRepository(Account);
    await accounts.update(
      { id: accountId },
      { passwordHash, emailVerified: true, updatedAt: new Date() },
    );
    await expireOneTimeTokens(manager, accountId, 'PASSWORD_RESET');
    const account = await accounts.findOneByOrFail({ id: accountId });
    return { email: account.email, ended: await endSessions(manager, accountId) };
  });
  await refuseSessionTokens(ctx, ended);
  // Best effort: the password is already changed, which must not be reported as a failure.
  await clearLoginFailures(ctx, email).catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'clearing login failures after a password reset failed');
  });
  return true;
}
