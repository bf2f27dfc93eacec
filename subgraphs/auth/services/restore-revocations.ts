import type { ServiceContext } from '../../shared/context';
import { refuseSessionTokens, refuseTokensIssuedBefore } from './access-token-revocation';

/**
 * Rebuilds the revocation list from the database on start (it lives in memory): sessions
 * revoked, and roles changed, recently enough that access tokens issued before may still
 * be unexpired.
 */
export async function restoreRevocations(ctx: ServiceContext): Promise<void> {
  const window = ctx.config.jwt.accessTokenTtlSeconds + 1;
  const sessions = (await ctx.db.query(
    `SELECT "id", "revoked_at" FROM "auth"."sessions"
      WHERE "revoked_at" > now() - make_interval(secs => $1)`,
    [window],
  )) as { id: string; revoked_at: Date }[];
  for (const session of sessions) {
    await refuseSessionTokens(ctx, [session.id], session.revoked_at);
  }
  const accounts = (await ctx.db.query(
    `SELECT "id", "tokens_valid_after" FROM "auth"."accounts"
      WHERE "tokens_valid_after" > now() - make_interval(secs => $1)`,
    [window],
  )) as { id: string; tokens_valid_after: Date }[];
  for (const account of accounts) {
    await refuseTokensIssuedBefore(ctx, account.id, account.tokens_valid_after);
  }
  if (sessions.length + accounts.length > 0) {
    ctx.log.info(
      { sessions: sessions.length, accounts: accounts.length },
      'revocation list restored',
    );
  }
}
