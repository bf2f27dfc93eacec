import type { EntityManager } from 'typeorm';
import { Booking } from '../entities/booking';
import { Enrollment } from '../entities/enrollment';

/**
 * Column lists for raw `RETURNING` / `SELECT` clauses, aliased to entity property names, so
 * a conditional UPDATE can hand back the row it changed in the same statement.
 */
export const BOOKING_COLUMNS = `"id", "user_id" AS "userId", "course_id" AS "courseId",
  "schedule_id" AS "scheduleId", "status", "note", "created_at" AS "createdAt",
  "decided_at" AS "decidedAt", "decided_by" AS "decidedById",
  "decision_reason" AS "decisionReason"`;

export const ENROLLMENT_COLUMNS = `"id", "booking_id" AS "bookingId", "user_id" AS "userId",
  "course_id" AS "courseId", "status", "progress_percent" AS "progressPercent",
  "enrolled_at" AS "enrolledAt", "completed_at" AS "completedAt"`;

/**
 * The rows a statement returns, whatever its kind. TypeORM's plain `query` shapes UPDATE
 * results differently from INSERT/SELECT ones; the structured result does not.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, parameters, true);
    return result.records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** The first row a statement returns, or undefined. */
export const queryRow = async <T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T | undefined> => (await queryRows<T>(manager, sql, parameters))[0];

export const toBooking = (manager: EntityManager, row: Partial<Booking>): Booking =>
  manager.create(Booking, row);

export const toEnrollment = (manager: EntityManager, row: Partial<Enrollment>): Enrollment =>
  manager.create(Enrollment, row);
