import type { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../../shared/errors';
import type { CourseStatus } from '../entities/course-view';
import { queryRow, queryRows } from './rows';

/**
 * Takes a seat of a PUBLISHED course that has one left, counted on booking's course view.
 * One conditional UPDATE: its row lock makes concurrent registrations for a course queue
 * on that row, each re-checking `seats_taken < capacity` against what the previous one
 * committed, so seats are never oversold. Returns whether a seat was taken.
 */
export async function takeSeat(manager: EntityManager, courseId: string): Promise<boolean> {
  const taken = await queryRows(
    manager,
    `UPDATE "booking"."courses" SET "seats_taken" = "seats_taken" + 1
      WHERE "id" = $1 AND "status" = 'PUBLISHED' AND "seats_taken" < "capacity"
      RETURNING "id"`,
    [courseId],
  );
  return taken.length > 0;
}

/**
 * Gives a seat back (a live booking was rejected or cancelled). Callers free the seat
 * before changing the booking, so every transaction that touches both locks the course row
 * first and then the booking: one lock order, no deadlock with registrations. Never below
 * zero, so a miscount can not block a cancellation.
 */
export async function freeSeat(manager: EntityManager, courseId: string): Promise<void> {
  await queryRows(
    manager,
    `UPDATE "booking"."courses" SET "seats_taken" = GREATEST("seats_taken" - 1, 0)
      WHERE "id" = $1`,
    [courseId],
  );
}

/** Why takeSeat took nothing: an unknown or unpublished course, else a full one. */
export async function noSeatError(manager: EntityManager, courseId: string): Promise<GraphQLError> {
  const course = await queryRow<{ status: CourseStatus }>(
    manager,
    `SELECT "status" FROM "booking"."courses" WHERE "id" = $1`,
    [courseId],
  );
  if (!course || course.status !== 'PUBLISHED') return notFound('No such course.');
  return conflict('This course has no seat left.');
}
