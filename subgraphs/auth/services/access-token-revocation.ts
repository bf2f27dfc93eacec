import type { ServiceContext } from '../../shared/context';

/**
 * Access tokens are stateless JWTs, so ending a session or changing a role must also put
 * them on the revocation list the gateway and every subgraph consult. An entry is needed
 * only while a token issued before it can still be unexpired.
 */
export const revocationUntil = (ctx: ServiceContext, from: Date = new Date()): Date =>
  new Date(from.getTime() + ctx.config.jwt.accessTokenTtlSeconds * 1000);

/** Called after the commit that ended the sessions (the database is the source of truth). */
export async function refuseSessionTokens(
  ctx: ServiceContext,
  sessionIds: readonly string[],
  revokedAt: Date = new Date(),
): Promise<void> {
  if (sessionIds.length > 0) {
    await ctx.revocations.revokeSessions(sessionIds, revocationUntil(ctx, revokedAt));
  }
}

/**
 * The first instant from which a user's tokens are trusted again after their role changed
 * at `changedAt`. JWT `iat` has whole seconds, so the cut-off is the next whole second:
 * every token issued up to and including the second of the change is refused, and new
 * tokens are signed only from this instant on (see waitForTokenCutoff).
 */
export const tokensIssuedBefore = (changedAt: Date): Date =>
  new Date((Math.floor(changedAt.getTime() / 1000) + 1) * 1000);

/** Tokens of `userId` carrying the role it had before `changedAt` stop working. */
export async function refuseTokensIssuedBefore(
  ctx: ServiceContext,
  userId: string,
  changedAt: Date,
): Promise<void> {
  const cutoff = tokensIssuedBefore(changedAt);
  await ctx.revocations.revokeTokensIssuedBefore(userId, cutoff, revocationUntil(ctx, cutoff));
}

/**
 * Right after a role change (under a second), a token signed now would have an `iat` before
 * the cut-off and be refused; waiting until the cut-off makes the new-role token valid.
 */
export async function waitForTokenCutoff(tokensValidAfter: Date | null): Promise<void> {
  if (!tokensValidAfter) return;
  const wait = tokensIssuedBefore(tokensValidAfter).getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
