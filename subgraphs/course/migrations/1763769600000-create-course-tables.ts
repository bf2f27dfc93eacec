import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified: TypeORM does not apply the connection's schema to it
// (typeorm/typeorm#6734). Rooms get no exclusion constraint against double booking yet:
// that arrives with scheduleClass (btree_gist).
export class CreateCourseTables1763769600000 implements MigrationInterface {
  name = 'CreateCourseTables1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "course"."courses" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "slug" text NOT NULL CONSTRAINT "courses_slug_key" UNIQUE
          CONSTRAINT "courses_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        "title" text NOT NULL CONSTRAINT "courses_title_not_blank" CHECK (btrim("title") <> ''),
        "description" text NOT NULL DEFAULT '',
        "level" text NOT NULL
          CONSTRAINT "courses_level_check" CHECK ("level" IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
        "status" text NOT NULL DEFAULT 'DRAFT'
          CONSTRAINT "courses_status_check" CHECK ("status" IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        "capacity" integer NOT NULL
          CONSTRAINT "courses_capacity_check" CHECK ("capacity" BETWEEN 1 AND 10000),
        "price_cents" integer CONSTRAINT "courses_price_cents_check" CHECK ("price_cents" >= 0),
        "currency" char(3) CONSTRAINT "courses_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
        "instructor_id" uuid NOT NULL,
        "published_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "courses_price_has_currency"
          CHECK (("price_cents" IS NULL) = ("currency" IS NULL))
      )`);
    await q.query(
      `CREATE INDEX "courses_instructor_id_idx" ON "course"."courses" ("instructor_id")`,
    );
    await q.query(
      `CREATE INDEX "courses_status_level_idx" ON "course"."courses" ("status", "level")`,
    );
    // The courses connection's keyset order.
    await q.query(`CREATE INDEX "courses_title_id_idx" ON "course"."courses" ("title", "id")`);
    // Trigram indexes serve the search filter's ILIKE '%…%' on either column.
    await q.query(`
      CREATE INDEX "courses_title_trgm_idx" ON "course"."courses"
        USING gin ("title" extensions.gin_trgm_ops)`);
    await q.query(`
      CREATE INDEX "courses_description_trgm_idx" ON "course"."courses"
        USING gin ("description" extensions.gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE "course"."course_sections" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "course_id" uuid NOT NULL REFERENCES "course"."courses" ("id") ON DELETE CASCADE,
        "title" text NOT NULL,
        "position" integer NOT NULL CONSTRAINT "course_sections_position_check" CHECK ("position" >= 0),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE INDEX "course_sections_course_id_position_idx"
        ON "course"."course_sections" ("course_id", "position")`);

    await q.query(`
      CREATE TABLE "course"."lessons" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "section_id" uuid NOT NULL REFERENCES "course"."course_sections" ("id") ON DELETE CASCADE,
        "title" text NOT NULL,
        "kind" text NOT NULL
          CONSTRAINT "lessons_kind_check" CHECK ("kind" IN ('VIDEO', 'TEXT', 'QUIZ', 'ASSIGNMENT')),
        "position" integer NOT NULL CONSTRAINT "lessons_position_check" CHECK ("position" >= 0),
        "duration_minutes" integer
          CONSTRAINT "lessons_duration_minutes_check" CHECK ("duration_minutes" > 0),
        "is_preview" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE INDEX "lessons_section_id_position_idx" ON "course"."lessons" ("section_id", "position")`);

    await q.query(`
      CREATE TABLE "course"."rooms" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL CONSTRAINT "rooms_name_key" UNIQUE,
        "building" text,
        "capacity" integer NOT NULL CONSTRAINT "rooms_capacity_check" CHECK ("capacity" > 0),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE "course"."class_schedules" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "course_id" uuid NOT NULL REFERENCES "course"."courses" ("id") ON DELETE CASCADE,
        "room_id" uuid REFERENCES "course"."rooms" ("id") ON DELETE SET NULL,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "class_schedules_ends_after_start" CHECK ("ends_at" > "starts_at")
      )`);
    await q.query(
      `CREATE INDEX "class_schedules_course_id_idx" ON "course"."class_schedules" ("course_id")`,
    );
    await q.query(`
      CREATE INDEX "class_schedules_room_id_starts_at_idx"
        ON "course"."class_schedules" ("room_id", "starts_at")`);
    await q.query(
      `CREATE INDEX "class_schedules_starts_at_idx" ON "course"."class_schedules" ("starts_at")`,
    );

    await q.query(`
      CREATE TABLE "course"."attendance_records" (
        "schedule_id" uuid NOT NULL
          REFERENCES "course"."class_schedules" ("id") ON DELETE CASCADE,
        "student_id" uuid NOT NULL,
        "status" text NOT NULL
          CONSTRAINT "attendance_records_status_check"
          CHECK ("status" IN ('PRESENT', 'LATE', 'ABSENT', 'EXCUSED')),
        "checked_in_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("schedule_id", "student_id")
      )`);
    await q.query(`
      CREATE INDEX "attendance_records_student_id_idx"
        ON "course"."attendance_records" ("student_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "course"."attendance_records"`);
    await q.query(`DROP TABLE "course"."class_schedules"`);
    await q.query(`DROP TABLE "course"."rooms"`);
    await q.query(`DROP TABLE "course"."lessons"`);
    await q.query(`DROP TABLE "course"."course_sections"`);
    await q.query(`DROP TABLE "course"."courses"`);
  }
}
