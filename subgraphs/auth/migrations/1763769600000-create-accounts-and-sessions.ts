import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified: TypeORM does not apply the connection's schema to it
// (typeorm/typeorm#6734).
export class CreateAccountsAndSessions1763769600000 implements MigrationInterface {
  name = 'CreateAccountsAndSessions1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "auth"."accounts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "password_hash" text NOT NULL,
        "role" text NOT NULL DEFAULT 'STUDENT'
          CONSTRAINT "accounts_role_check" CHECK ("role" IN ('STUDENT', 'INSTRUCTOR', 'ADMIN')),
        "status" text NOT NULL DEFAULT 'ACTIVE'
          CONSTRAINT "accounts_status_check" CHECK ("status" IN ('ACTIVE', 'SUSPENDED')),
        "email_verified" boolean NOT NULL DEFAULT false,
        "last_login_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "accounts_email_key" UNIQUE ("email"),
        CONSTRAINT "accounts_email_normalised" CHECK ("email" = lower(btrim("email")))
      )`);
    await q.query(`
      CREATE TABLE "auth"."sessions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL REFERENCES "auth"."accounts" ("id") ON DELETE CASCADE,
        "refresh_token_hash" text NOT NULL CONSTRAINT "sessions_refresh_token_hash_key" UNIQUE,
        "user_agent" text,
        "ip" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz
      )`);
    await q.query(`CREATE INDEX "sessions_account_id_idx" ON "auth"."sessions" ("account_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth"."sessions"`);
    await q.query(`DROP TABLE "auth"."accounts"`);
  }
}
