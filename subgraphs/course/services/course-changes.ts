import type { EntityManager } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import { isUniqueViolation } from '../../shared/db/errors';
import { conflict } from '../../shared/errors';
import type { DomainEvent, EventPayloads } from '../../shared/events/catalog';
import { Course } from '../entities/course';

/** The columns a mutation may change (the rest are ids and timestamps). */
export type CourseChanges = Partial<
  Pick<
    Course,
    | 'slug'
    | 'title'
    | 'description'
    | 'level'
    | 'capacity'
    | 'priceCents'
    | 'currency'
    | 'instructorId'
    | 'status'
    | 'publishedAt'
  >
>;

/** course.changed carries the full current state booking keeps (contract: Domain events). */
export const courseChangedPayload = (course: Course): EventPayloads['course.changed'] => ({
  courseId: course.id,
  status: course.status,
  capacity: course.capacity,
  instructorId: course.instructorId,
  version: course.version,
});

/**
 * Runs one change of a course row: the change and its course.changed event commit in one
 * transaction (outbox), then the mutation waits, bounded, until booking's course view has
 * applied the event (read-your-writes), so the client's next step sees it. `change` says
 * whether it changed the row; an unchanged course records no event.
 * A taken slug (the unique constraint, also under concurrent requests) is CONFLICT.
 */
export async function changeCourse(
  ctx: ServiceContext,
  change: (manager: EntityManager) => Promise<{ course: Course; changed: boolean }>,
): Promise<Course> {
  let event: DomainEvent<'course.changed'> | undefined;
  let course: Course;
  try {
    course = await ctx.db.transaction(async (manager) => {
      const result = await change(manager);
      if (result.changed) {
        event = await ctx.events.record(
          manager,
          'course.changed',
          courseChangedPayload(result.course),
        );
      }
      return result.course;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'courses_slug_key')) {
      throw conflict('Another course already has this slug.');
    }
    throw error;
  }
  if (event) await ctx.events.committed([event]);
  return course;
}

/**
 * Writes `changes` to a course locked by this transaction (lockCourse) and bumps its
 * version; the lock makes the read version the current one.
 */
export async function saveCourseChanges(
  manager: EntityManager,
  course: Course,
  changes: CourseChanges,
): Promise<Course> {
  const next = { ...changes, version: course.version + 1 };
  await manager.update(Course, { id: course.id }, { ...next, updatedAt: () => 'now()' });
  return Object.assign(course, next, { updatedAt: new Date() });
}
