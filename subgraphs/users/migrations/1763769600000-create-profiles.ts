import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified: TypeORM does not apply the connection's schema to it
// (typeorm/typeorm#6734).
export class CreateProfiles1763769600000 implements MigrationInterface {
  name = 'CreateProfiles1763769600000';

  async up(q: QueryRunner): Promise<void> {
    // No id default: a profile always takes the id of the auth account it belongs to.
    await q.query(`
      CREATE TABLE "users"."profiles" (
        "id" uuid PRIMARY KEY,
        "first_name" text NOT NULL
          CONSTRAINT "profiles_first_name_check" CHECK (btrim("first_name") <> ''),
        "last_name" text NOT NULL
          CONSTRAINT "profiles_last_name_check" CHECK (btrim("last_name") <> ''),
        "avatar_url" text,
        "bio" text,
        "phone" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "users"."instructor_profiles" (
        "user_id" uuid PRIMARY KEY REFERENCES "users"."profiles" ("id") ON DELETE CASCADE,
        "headline" text,
        "specialties" text[] NOT NULL DEFAULT '{}',
        "years_of_experience" integer
          CONSTRAINT "instructor_profiles_years_check" CHECK ("years_of_experience" >= 0),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // Connections page through (last_name, first_name, id) with a keyset.
    await q.query(`
      CREATE INDEX "profiles_name_order_idx"
        ON "users"."profiles" ("last_name", "first_name", "id")`);
    // users(search:) runs ILIKE '%…%' on exactly this expression.
    await q.query(`
      CREATE INDEX "profiles_full_name_trgm_idx"
        ON "users"."profiles"
        USING gin (("first_name" || ' ' || "last_name") extensions.gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "users"."instructor_profiles"`);
    await q.query(`DROP TABLE "users"."profiles"`);
  }
}
