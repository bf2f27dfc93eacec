import type { SelectQueryBuilder } from 'typeorm';
import { isAdmin, type Viewer } from '../../shared/auth/viewer';
import type { Course } from '../entities/course';

/** PUBLISHED courses are public; DRAFT and ARCHIVED ones only for their instructor and admins. */
export const canSeeCourse = (viewer: Viewer | null, course: Course): boolean =>
  course.status === 'PUBLISHED' || isAdmin(viewer) || viewer?.id === course.instructorId;

/** The same rule as a condition on a query over courses aliased `alias`. */
export function whereCourseVisible(
  query: SelectQueryBuilder<Course>,
  alias: string,
  viewer: Viewer | null,
): SelectQueryBuilder<Course> {
  if (isAdmin(viewer)) return query;
  if (!viewer) return query.andWhere(`${alias}.status = 'PUBLISHED'`);
  return query.andWhere(`(${alias}.status = 'PUBLISHED' OR ${alias}.instructorId = :viewerId)`, {
    viewerId: viewer.id,
  });
}
