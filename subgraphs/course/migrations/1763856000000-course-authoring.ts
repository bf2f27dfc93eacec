import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOutboxTableStatements, outboxTableStatements } from '../../shared/events/migrations';

// Course authoring and scheduling (issue 3): the outbox for course.changed, a version per
// course that the event carries, and the database rules concurrent mutations rely on.
// Raw SQL is schema-qualified, as in the first migration (typeorm/typeorm#6734).
export class CourseAuthoring1763856000000 implements MigrationInterface {
  name = 'CourseAuthoring1763856000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableStatements('course')) await q.query(sql);

    // Increases with every change of the course row; consumers drop stale course.changed.
    await q.query(`
      ALTER TABLE "course"."courses"
        ADD COLUMN "version" integer NOT NULL DEFAULT 1
          CONSTRAINT "courses_version_check" CHECK ("version" >= 1)`);

    // A room is never double-booked, also under concurrent scheduleClass calls: the
    // exclusion constraint makes the second overlapping insert fail (SQLSTATE 23P01).
    // Half-open ranges ([start, end)) let a class start the moment the previous one ends.
    // btree_gist (schema "extensions", installed by the bootstrap) supplies the uuid
    // equality operator class for GiST.
    await q.query(`
      ALTER TABLE "course"."class_schedules"
        ADD CONSTRAINT "class_schedules_room_no_overlap"
        EXCLUDE USING gist (
          "room_id" extensions.gist_uuid_ops WITH =,
          tstzrange("starts_at", "ends_at") WITH &&
        ) WHERE ("room_id" IS NOT NULL)`);

    // Positions are unique within their parent; the constraints' indexes replace the
    // plain ones the first migration made on the same columns.
    await q.query(`DROP INDEX "course"."course_sections_course_id_position_idx"`);
    await q.query(`
      ALTER TABLE "course"."course_sections"
        ADD CONSTRAINT "course_sections_course_id_position_key" UNIQUE ("course_id", "position")`);
    await q.query(`DROP INDEX "course"."lessons_section_id_position_idx"`);
    await q.query(`
      ALTER TABLE "course"."lessons"
        ADD CONSTRAINT "lessons_section_id_position_key" UNIQUE ("section_id", "position")`);
    await q.query(`
      ALTER TABLE "course"."lessons"
        ADD CONSTRAINT "lessons_duration_minutes_max" CHECK ("duration_minutes" <= 1440)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "course"."lessons" DROP CONSTRAINT "lessons_duration_minutes_max"`);
    await q.query(
      `ALTER TABLE "course"."lessons" DROP CONSTRAINT "lessons_section_id_position_key"`,
    );
    await q.query(`
      CREATE INDEX "lessons_section_id_position_idx" ON "course"."lessons" ("section_id", "position")`);
    await q.query(
      `ALTER TABLE "course"."course_sections" DROP CONSTRAINT "course_sections_course_id_position_key"`,
    );
    await q.query(`
      CREATE INDEX "course_sections_course_id_position_idx"
        ON "course"."course_sections" ("course_id", "position")`);
    await q.query(
      `ALTER TABLE "course"."class_schedules" DROP CONSTRAINT "class_schedules_room_no_overlap"`,
    );
    await q.query(`ALTER TABLE "course"."courses" DROP COLUMN "version"`);
    for (const sql of dropOutboxTableStatements('course')) await q.query(sql);
  }
}
