import type { ServiceContext } from '../../shared/context';
import { forbidden, unauthenticated } from '../../shared/errors';
import { Account } from '../entities/account';
import { refuseSessionTokens } from './access-token-revocation';
import { hashToken, presentedToken } from './opaque-tokens';
import { addRefreshToken, issueAuthPayload, type AuthPayload, type ClientInfo } from './sessions';

interface PresentedToken {
  session_id: string;
  account_id: string;
  rotated_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

const SIGN_IN_AGAIN = 'This refresh token is not valid. Sign in again.';

type Outcome = { kind: 'refreshed'; payload: AuthPayload } | { kind: 'reused'; sessionId: string };

/**
 * Rotates a refresh token: the presented one is marked rotated, a new one replaces it, and a
 * new access token carries the account's current role. A rotated token presented again
 * means the family leaked (the thief or the owner holds a newer one): the whole session is
 * revoked, committed, and the caller gets UNAUTHENTICATED.
 *
 * Locks in the order every auth transaction uses (account, then session, then token), so
 * a concurrent role change, suspension or logOut either happens before (and is seen) or
 * waits until this token exists (and revokes it).
 */
export async function refreshSession(
  ctx: ServiceContext,
  refreshToken: string,
  client: ClientInfo,
): Promise<AuthPayload> {
  const tokenHash = hashToken(presentedToken('refreshToken', refreshToken));
  const outcome = await ctx.db.transaction(async (manager): Promise<Outcome> => {
    const [owner] = (await manager.query(
      `SELECT s."account_id" FROM "auth"."refresh_tokens" t
         JOIN "auth"."sessions" s ON s."id" = t."session_id"
        WHERE t."token_hash" = $1`,
      [tokenHash],
    )) as { account_id: string }[];
    if (!owner) throw unauthenticated(SIGN_IN_AGAIN);
    const account = await manager.getRepository(Account).findOne({
      where: { id: owner.account_id },
      lock: { mode: 'pessimistic_read' },
    });
    // Read again under the locks: a concurrent refresh of the same token commits first and
    // this one then sees it rotated.
    const [token] = (await manager.query(
      `SELECT t."session_id", s."account_id", t."rotated_at", s."revoked_at", s."expires_at"
         FROM "auth"."refresh_tokens" t
         JOIN "auth"."sessions" s ON s."id" = t."session_id"
        WHERE t."token_hash" = $1
          FOR UPDATE OF s, t`,
      [tokenHash],
    )) as PresentedToken[];
    if (!account || !token) throw unauthenticated(SIGN_IN_AGAIN);

    if (token.rotated_at !== null) {
      await manager.query(
        `UPDATE "auth"."sessions" SET "revoked_at" = now()
          WHERE "id" = $1 AND "revoked_at" IS NULL`,
        [token.session_id],
      );
      return { kind: 'reused', sessionId: token.session_id };
    }
    if (token.revoked_at !== null || token.expires_at.getTime() <= Date.now()) {
      throw unauthenticated(SIGN_IN_AGAIN);
    }
    if (account.status === 'SUSPENDED') throw forbidden('This account is suspended.');

    await manager.query(
      `UPDATE "auth"."refresh_tokens" SET "rotated_at" = now() WHERE "token_hash" = $1`,
      [tokenHash],
    );
    const next = await addRefreshToken(manager, token.session_id);
    await manager.query(
      `UPDATE "auth"."sessions"
          SET "last_used_at" = now(),
              "user_agent" = COALESCE($2, "user_agent"),
              "ip" = COALESCE($3, "ip")
        WHERE "id" = $1`,
      [token.session_id, client.userAgent ?? null, client.ip ?? null],
    );
    const payload = await issueAuthPayload(ctx.config.jwt, account, token.session_id, next);
    return { kind: 'refreshed', payload };
  });

  if (outcome.kind === 'reused') {
    await refuseSessionTokens(ctx, [outcome.sessionId]);
    ctx.log.warn({ sessionId: outcome.sessionId }, 'rotated refresh token reused; session revoked');
    throw unauthenticated(SIGN_IN_AGAIN);
  }
  return outcome.payload;
}
