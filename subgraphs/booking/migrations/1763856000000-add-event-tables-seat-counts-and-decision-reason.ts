import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropOutboxTableStatements,
  dropProcessedEventsTableStatements,
  outboxTableStatements,
  processedEventsTableStatements,
} from '../../shared/events/migrations';

// Raw SQL is schema-qualified, like the first migration (typeorm/typeorm#6734).
export class AddEventTablesSeatCountsAndDecisionReason1763856000000 implements MigrationInterface {
  name = 'AddEventTablesSeatCountsAndDecisionReason1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // booking.changed goes out through an outbox; course.changed comes in exactly once.
    for (const statement of outboxTableStatements('booking')) await q.query(statement);
    for (const statement of processedEventsTableStatements('booking')) await q.query(statement);

    // Seats held, counted on the course row itself: registering increments it with a
    // conditional UPDATE whose row lock serializes concurrent registrations, so a course
    // is never oversold. version orders course.changed events (stale ones change nothing).
    await q.query(`
      ALTER TABLE "booking"."courses"
        ADD COLUMN "seats_taken" integer NOT NULL DEFAULT 0
          CONSTRAINT "courses_seats_taken_check" CHECK ("seats_taken" >= 0),
        ADD COLUMN "version" integer NOT NULL DEFAULT 0`);
    // Existing live bookings already hold their seats.
    await q.query(`
      UPDATE "booking"."courses" AS "course"
         SET "seats_taken" = "live"."taken"
        FROM (
              SELECT "course_id", count(*)::int AS "taken"
                FROM "booking"."bookings"
               WHERE "status" IN ('PENDING', 'CONFIRMED')
               GROUP BY "course_id"
             ) AS "live"
       WHERE "live"."course_id" = "course"."id"`);

    // Why an admin rejected a booking (shown to its owner).
    await q.query(`ALTER TABLE "booking"."bookings" ADD COLUMN "decision_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."bookings" DROP COLUMN "decision_reason"`);
    await q.query(
      `ALTER TABLE "booking"."courses" DROP COLUMN "version", DROP COLUMN "seats_taken"`,
    );
    for (const statement of dropProcessedEventsTableStatements('booking')) await q.query(statement);
    for (const statement of dropOutboxTableStatements('booking')) await q.query(statement);
  }
}
