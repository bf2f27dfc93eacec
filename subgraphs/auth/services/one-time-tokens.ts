import type { EntityManager } from 'typeorm';
import type { OneTimeTokenPurpose } from '../entities/one-time-token';
import { hashToken, newOpaqueToken } from './opaque-tokens';
import { updateReturning } from './update-returning';

export const PASSWORD_RESET_TTL_MINUTES = 30;
export const EMAIL_VERIFICATION_TTL_DAYS = 7;

/**
 * Issues a single-use token for the account (stored as its hash) and returns it, for the
 * mail. Older unused tokens of the same purpose expire now: only the newest mail works.
 */
export async function issueOneTimeToken(
  manager: EntityManager,
  accountId: string,
  purpose: OneTimeTokenPurpose,
  validForMs: number,
): Promise<string> {
  await expireOneTimeTokens(manager, accountId, purpose);
  const token = newOpaqueToken();
  // The database's clock, like the checks in consumeOneTimeToken.
  await manager.query(
    `INSERT INTO "auth"."one_time_tokens" ("account_id", "purpose", "token_hash", "expires_at")
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [accountId, purpose, hashToken(token), validForMs / 1000],
  );
  return token;
}

/** Makes the account's unused tokens of `purpose` unusable. */
export async function expireOneTimeTokens(
  manager: EntityManager,
  accountId: string,
  purpose: OneTimeTokenPurpose,
): Promise<void> {
  await manager.query(
    `UPDATE "auth"."one_time_tokens" SET "expires_at" = now()
      WHERE "account_id" = $1 AND "purpose" = $2 AND "used_at" IS NULL AND "expires_at" > now()`,
    [accountId, purpose],
  );
}

/**
 * Uses the token up and returns its account, or null when it is unknown, used or expired.
 * One conditional UPDATE: of two concurrent uses, exactly one gets the account.
 */
export async function consumeOneTimeToken(
  manager: EntityManager,
  purpose: OneTimeTokenPurpose,
  token: string,
): Promise<string | null> {
  const [row] = await updateReturning<{ account_id: string }>(
    manager,
    `UPDATE "auth"."one_time_tokens" SET "used_at" = now()
      WHERE "token_hash" = $1 AND "purpose" = $2 AND "used_at" IS NULL AND "expires_at" > now()
      RETURNING "account_id"`,
    [hashToken(token), purpose],
  );
  return row?.account_id ?? null;
}
