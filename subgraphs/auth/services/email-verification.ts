import type { EntityManager } from 'typeorm';
import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { badUserInput, unauthenticated } from '../../shared/errors';
import { Account } from '../entities/account';
import { emailVerificationMail } from './mail-templates';
import { deliverMailSoon, enqueueMail } from './mail-outbox';
import {
  EMAIL_VERIFICATION_TTL_DAYS,
  consumeOneTimeToken,
  issueOneTimeToken,
} from './one-time-tokens';
import { presentedToken } from './opaque-tokens';

/** Issues a verification token and writes its mail, in the caller's transaction. */
export async function queueEmailVerification(
  manager: EntityManager,
  account: Pick<Account, 'id' | 'email'>,
): Promise<void> {
  const token = await issueOneTimeToken(
    manager,
    account.id,
    'EMAIL_VERIFICATION',
    EMAIL_VERIFICATION_TTL_DAYS * 86_400_000,
  );
  await enqueueMail(
    manager,
    emailVerificationMail(account.email, token, EMAIL_VERIFICATION_TTL_DAYS),
  );
}

/**
 * Sends the viewer a fresh verification mail (earlier ones stop working). False, and no
 * mail, when the address is already verified.
 */
export async function requestEmailVerification(
  ctx: ServiceContext,
  viewer: Viewer | null,
): Promise<boolean> {
  const { id } = requireViewer(viewer);
  const queued = await ctx.db.transaction(async (manager) => {
    const account = await manager.getRepository(Account).findOneBy({ id });
    if (!account) throw unauthenticated('This account no longer exists.');
    if (account.emailVerified) return false;
    await queueEmailVerification(manager, account);
    return true;
  });
  if (queued) deliverMailSoon(ctx.db);
  return queued;
}

/** Uses up a verification token and marks its account's email verified. No viewer needed. */
export async function verifyEmail(ctx: ServiceContext, token: string): Promise<Account> {
  presentedToken('token', token);
  return ctx.db.transaction(async (manager) => {
    const accountId = await consumeOneTimeToken(manager, 'EMAIL_VERIFICATION', token);
    if (!accountId) {
      throw badUserInput('token', 'This verification token is invalid, used or expired.');
    }
    const accounts = manager.getRepository(Account);
    await accounts.update({ id: accountId }, { emailVerified: true, updatedAt: new Date() });
    return accounts.findOneByOrFail({ id: accountId });
  });
}
