import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified: TypeORM does not apply the connection's schema to it
// (typeorm/typeorm#6734).
export class CreateCourseViewBookingsAndEnrollments1763769600000 implements MigrationInterface {
  name = 'CreateCourseViewBookingsAndEnrollments1763769600000';

  async up(q: QueryRunner): Promise<void> {
    // A replica of the course subgraph's rows, written only by its events (and the seed).
    await q.query(`
      CREATE TABLE "booking"."courses" (
        "id" uuid PRIMARY KEY,
        "status" text NOT NULL
          CONSTRAINT "courses_status_check" CHECK ("status" IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        "capacity" integer NOT NULL CONSTRAINT "courses_capacity_check" CHECK ("capacity" >= 0),
        "instructor_id" uuid NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "courses_instructor_id_idx" ON "booking"."courses" ("instructor_id")`,
    );

    // No FK from course_id to the course view: the view is a replica kept by events, and
    // its rows must stay free to be replaced whatever bookings point at them. Registering
    // checks the view instead. created_at has millisecond precision so that a keyset
    // cursor, which carries a JS Date, names a row exactly.
    await q.query(`
      CREATE TABLE "booking"."bookings" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "schedule_id" uuid,
        "status" text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT "bookings_status_check"
          CHECK ("status" IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
        "note" text,
        "idempotency_key" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "decided_at" timestamptz,
        "decided_by" uuid,
        CONSTRAINT "bookings_user_id_idempotency_key_key" UNIQUE ("user_id", "idempotency_key")
      )`);
    await q.query(`CREATE INDEX "bookings_user_id_idx" ON "booking"."bookings" ("user_id")`);
    await q.query(`CREATE INDEX "bookings_course_id_idx" ON "booking"."bookings" ("course_id")`);
    await q.query(
      `CREATE INDEX "bookings_schedule_id_idx" ON "booking"."bookings" ("schedule_id")`,
    );
    await q.query(`CREATE INDEX "bookings_decided_by_idx" ON "booking"."bookings" ("decided_by")`);
    await q.query(
      `CREATE INDEX "bookings_status_created_at_idx" ON "booking"."bookings" ("status", "created_at")`,
    );
    // At most one live booking per student and course, enforced by the database.
    await q.query(`
      CREATE UNIQUE INDEX "bookings_one_live_per_user_course"
        ON "booking"."bookings" ("user_id", "course_id")
        WHERE "status" IN ('PENDING', 'CONFIRMED')`);

    await q.query(`
      CREATE TABLE "booking"."enrollments" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "booking_id" uuid NOT NULL
          CONSTRAINT "enrollments_booking_id_key" UNIQUE
          REFERENCES "booking"."bookings" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'ACTIVE'
          CONSTRAINT "enrollments_status_check" CHECK ("status" IN ('ACTIVE', 'COMPLETED', 'DROPPED')),
        "progress_percent" integer NOT NULL DEFAULT 0
          CONSTRAINT "enrollments_progress_percent_check"
          CHECK ("progress_percent" BETWEEN 0 AND 100),
        "enrolled_at" timestamptz(3) NOT NULL DEFAULT now(),
        "completed_at" timestamptz
      )`);
    await q.query(`CREATE INDEX "enrollments_user_id_idx" ON "booking"."enrollments" ("user_id")`);
    await q.query(
      `CREATE INDEX "enrollments_course_id_idx" ON "booking"."enrollments" ("course_id")`,
    );
    await q.query(
      `CREATE INDEX "enrollments_course_id_enrolled_at_idx" ON "booking"."enrollments" ("course_id", "enrolled_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "booking"."enrollments"`);
    await q.query(`DROP TABLE "booking"."bookings"`);
    await q.query(`DROP TABLE "booking"."courses"`);
  }
}
