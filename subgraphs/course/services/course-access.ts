import type { EntityManager } from 'typeorm';
import { requireOwnerOrAdmin, requireRole, type Viewer } from '../../shared/auth/viewer';
import { notFound } from '../../shared/errors';
import { Course } from '../entities/course';

/**
 * Who may author courses (contract: INSTRUCTOR for own courses, or ADMIN). The role comes
 * from the verified token; ownership from the course's own instructor_id.
 */
export const requireCourseAuthor = (viewer: Viewer | null): Viewer =>
  requireRole(viewer, 'INSTRUCTOR', 'ADMIN');

/** The course's instructor or an admin; any other instructor is FORBIDDEN, whatever the status. */
export const requireCourseOwner = (viewer: Viewer, course: Pick<Course, 'instructorId'>): Viewer =>
  requireOwnerOrAdmin(
    viewer,
    course.instructorId,
    "Only the course's instructor or an admin can do this.",
  );

/**
 * Loads a course row locked for the rest of the transaction, so changes of one course
 * (and the positions of its new sections) happen one after another. FOR NO KEY UPDATE:
 * inserts that merely reference the course (classes, sections) are not held up.
 */
export async function lockCourse(manager: EntityManager, id: string): Promise<Course> {
  const course = await manager
    .getRepository(Course)
    .createQueryBuilder('course')
    .setLock('for_no_key_update')
    .where('course.id = :id', { id })
    .getOne();
  if (!course) throw notFound('No course with this id.');
  return course;
}

/** lockCourse, then the owner-or-admin rule. */
export async function lockOwnCourse(
  manager: EntityManager,
  viewer: Viewer,
  id: string,
): Promise<Course> {
  const course = await lockCourse(manager, id);
  requireCourseOwner(viewer, course);
  return course;
}
