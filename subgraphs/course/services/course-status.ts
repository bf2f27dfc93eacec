import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { requireUuid } from '../../shared/ids';
import type { Course, CourseStatus } from '../entities/course';
import { lockOwnCourse, requireCourseAuthor } from './course-access';
import { changeCourse, saveCourseChanges } from './course-changes';

/**
 * Moves a course to `status`. A course already there is returned as it is: no version
 * bump, no event, so repeating the call is harmless.
 */
async function moveCourse(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  status: Exclude<CourseStatus, 'DRAFT'>,
): Promise<Course> {
  const author = requireCourseAuthor(viewer);
  requireUuid('id', id);
  return changeCourse(ctx, async (manager) => {
    const course = await lockOwnCourse(manager, author, id);
    if (course.status === status) return { course, changed: false };
    const changes =
      status === 'PUBLISHED'
        ? // publishedAt records the first publication; republishing keeps it.
          { status, publishedAt: course.publishedAt ?? new Date() }
        : { status };
    return { course: await saveCourseChanges(manager, course, changes), changed: true };
  });
}

/** publishCourse: DRAFT or ARCHIVED → PUBLISHED (public). */
export const publishCourse = (ctx: ServiceContext, viewer: Viewer | null, id: string) =>
  moveCourse(ctx, viewer, id, 'PUBLISHED');

/** archiveCourse: → ARCHIVED (hidden again from all but its instructor and admins). */
export const archiveCourse = (ctx: ServiceContext, viewer: Viewer | null, id: string) =>
  moveCourse(ctx, viewer, id, 'ARCHIVED');
