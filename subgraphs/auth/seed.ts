import { In } from 'typeorm';
import type { ServiceContext } from '../shared/context';
import { DEMO_PASSWORD, DEMO_USERS } from '../shared/demo/catalog';
import { Account } from './entities/account';
import { logOut } from './services/log-out';
import { signUp } from './services/sign-up';

/**
 * Demo accounts (contract: Demo data), created through signUp like any user: fixed ids,
 * catalog roles, verified emails, and a `user.registered` event each, from which users
 * creates the profiles, then signed out. Ids that exist are skipped, so reruns add nothing.
 */
export async function seedAuth(ctx: ServiceContext): Promise<void> {
  const existing = await ctx.db
    .getRepository(Account)
    .find({ select: { id: true }, where: { id: In(DEMO_USERS.map((u) => u.id)) } });
  const seeded = new Set(existing.map((a) => a.id));
  const missing = DEMO_USERS.filter((u) => !seeded.has(u.id));
  for (const user of missing) {
    const signedUp = await signUp(
      ctx,
      {
        email: user.email,
        password: DEMO_PASSWORD,
        firstName: user.firstName,
        lastName: user.lastName,
      },
      { userAgent: 'campus-seed' },
      { id: user.id, role: user.role, emailVerified: true },
    );
    // Signed up as anyone is, then signed out: demo users start with no open session.
    await logOut(ctx, {
      id: user.id,
      role: user.role,
      sessionId: signedUp.sessionId,
      tokenId: signedUp.tokenId,
    });
  }
  if (missing.length > 0) ctx.log.info({ accounts: missing.length }, 'seeded demo accounts');
}
