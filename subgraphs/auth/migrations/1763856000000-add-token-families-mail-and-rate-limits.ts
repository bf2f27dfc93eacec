import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTableStatements, outboxTableStatements } from '../../shared/events/migrations';

/**
 * Issue 3: the domain-event outbox, refresh-token rotation (one row per token, so a rotated
 * token can be recognised when it comes back), single-use mail tokens, the mail outbox,
 * login rate-limit counters and the role-change cut-off for access tokens.
 * Raw SQL is schema-qualified, like the first migration.
 */
export class AddTokenFamiliesMailAndRateLimits1763856000000 implements MigrationInterface {
  name = 'AddTokenFamiliesMailAndRateLimits1763856000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of outboxTableStatements('auth')) await q.query(statement);

    await q.query(`
      CREATE TABLE "auth"."refresh_tokens" (
        "token_hash" text PRIMARY KEY,
        "session_id" uuid NOT NULL REFERENCES "auth"."sessions" ("id") ON DELETE CASCADE,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "rotated_at" timestamptz
      )`);
    await q.query(
      `CREATE INDEX "refresh_tokens_session_id_idx" ON "auth"."refresh_tokens" ("session_id")`,
    );
    // Every existing session keeps working: its current token becomes the family's first row.
    await q.query(`
      INSERT INTO "auth"."refresh_tokens" ("token_hash", "session_id", "created_at")
      SELECT "refresh_token_hash", "id", COALESCE("last_used_at", "created_at")
        FROM "auth"."sessions"`);
    await q.query(`ALTER TABLE "auth"."sessions" DROP COLUMN "refresh_token_hash"`);
    // Start-up reloads recently revoked sessions into the revocation list.
    await q.query(`
      CREATE INDEX "sessions_revoked_at_idx" ON "auth"."sessions" ("revoked_at")
       WHERE "revoked_at" IS NOT NULL`);

    await q.query(`
      CREATE TABLE "auth"."one_time_tokens" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL REFERENCES "auth"."accounts" ("id") ON DELETE CASCADE,
        "purpose" text NOT NULL
          CONSTRAINT "one_time_tokens_purpose_check"
          CHECK ("purpose" IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
        "token_hash" text NOT NULL CONSTRAINT "one_time_tokens_token_hash_key" UNIQUE,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE INDEX "one_time_tokens_account_id_idx"
          ON "auth"."one_time_tokens" ("account_id", "purpose")`);

    await q.query(`
      CREATE TABLE "auth"."mail_outbox" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "recipient" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "sent_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text
      )`);
    await q.query(`
      CREATE INDEX "mail_outbox_unsent_idx" ON "auth"."mail_outbox" ("created_at")
       WHERE "sent_at" IS NULL`);

    // Exactly the columns rate-limiter-flexible's RateLimiterPostgres reads and writes
    // (it inserts positionally), created here so the service role needs no DDL at run time.
    await q.query(`
      CREATE TABLE "auth"."login_rate_limits" (
        "key" varchar(255) PRIMARY KEY,
        "points" integer NOT NULL DEFAULT 0,
        "expire" bigint
      )`);
    await q.query(
      `CREATE INDEX "login_rate_limits_expire_idx" ON "auth"."login_rate_limits" ("expire")`,
    );

    // Access tokens issued before this instant carry an outdated role and are refused.
    await q.query(`ALTER TABLE "auth"."accounts" ADD COLUMN "tokens_valid_after" timestamptz`);
    await q.query(`
      CREATE INDEX "accounts_tokens_valid_after_idx" ON "auth"."accounts" ("tokens_valid_after")
       WHERE "tokens_valid_after" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "auth"."accounts_tokens_valid_after_idx"`);
    await q.query(`ALTER TABLE "auth"."accounts" DROP COLUMN "tokens_valid_after"`);
    await q.query(`DROP TABLE "auth"."login_rate_limits"`);
    await q.query(`DROP TABLE "auth"."mail_outbox"`);
    await q.query(`DROP TABLE "auth"."one_time_tokens"`);
    await q.query(`DROP INDEX "auth"."sessions_revoked_at_idx"`);

    // Back to one hash per session: the newest unrotated token of each family. Sessions
    // without one (every token rotated) cannot be refreshed in the old model either.
    await q.query(`ALTER TABLE "auth"."sessions" ADD COLUMN "refresh_token_hash" text`);
    await q.query(`
      UPDATE "auth"."sessions" AS s
         SET "refresh_token_hash" = (
           SELECT t."token_hash" FROM "auth"."refresh_tokens" AS t
            WHERE t."session_id" = s."id" AND t."rotated_at" IS NULL
            ORDER BY t."created_at" DESC LIMIT 1)`);
    await q.query(`DELETE FROM "auth"."sessions" WHERE "refresh_token_hash" IS NULL`);
    await q.query(`ALTER TABLE "auth"."sessions" ALTER COLUMN "refresh_token_hash" SET NOT NULL`);
    await q.query(`
      ALTER TABLE "auth"."sessions"
        ADD CONSTRAINT "sessions_refresh_token_hash_key" UNIQUE ("refresh_token_hash")`);
    await q.query(`DROP TABLE "auth"."refresh_tokens"`);

    for (const statement of dropOutboxTableStatements('auth')) await q.query(statement);
  }
}
