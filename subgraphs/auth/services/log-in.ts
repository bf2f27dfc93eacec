import type { ServiceContext } from '../../shared/context';
import { forbidden, unauthenticated } from '../../shared/errors';
import { Account } from '../entities/account';
import { accountWithPasswordHash } from './account-lookup';
import { presentedEmail } from './emails';
import { startLoginAttempt } from './login-rate-limit';
import { decoyVerify, presentedPassword, verifyPassword } from './passwords';
import { openSession, type AuthPayload, type ClientInfo } from './sessions';

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

/**
 * Same error for an unknown email and a wrong password, so logIn reveals no accounts. The
 * rate limits are checked first (even the right password is refused while limited); only
 * failures count. A SUSPENDED account with the right password is FORBIDDEN.
 */
export async function logIn(
  ctx: ServiceContext,
  credentials: { email: string; password: string },
  client: ClientInfo,
): Promise<AuthPayload> {
  // Checked before the rate limit: malformed input is not a guess and costs no attempt.
  const email = presentedEmail('email', credentials.email);
  const password = presentedPassword('password', credentials.password);
  const attempt = await startLoginAttempt(ctx, email, client.ip);
  const account = await accountWithPasswordHash(ctx.db.manager, { email });
  if (!account) {
    await decoyVerify(password);
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await attempt.succeeded();
  return ctx.db.transaction(async (manager) => {
    // Locked and re-read: a role or status change that commits meanwhile is seen here, and
    // one that starts meanwhile waits for this session (and its token) to exist.
    const accounts = manager.getRepository(Account);
    const current = await accounts.findOne({
      where: { id: account.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current) throw unauthenticated(WRONG_CREDENTIALS);
    if (current.status === 'SUSPENDED') throw forbidden('This account is suspended.');
    current.lastLoginAt = new Date();
    await accounts.update({ id: current.id }, { lastLoginAt: current.lastLoginAt });
    return openSession(manager, ctx.config.jwt, current, client);
  });
}
