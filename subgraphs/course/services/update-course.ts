import { isAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { forbidden } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { notNull } from '../../shared/validation';
import type { Course } from '../entities/course';
import type { UpdateCourseInput } from '../generated/graphql';
import { lockOwnCourse, requireCourseAuthor } from './course-access';
import { changeCourse, saveCourseChanges, type CourseChanges } from './course-changes';
import {
  courseCapacity,
  courseDescription,
  coursePrice,
  courseSlug,
  courseTitle,
} from './course-fields';

/** The columns the input sets: left-out fields are untouched, null clears price/description. */
function changesOf(input: UpdateCourseInput): CourseChanges {
  const changes: CourseChanges = {};
  const slug = notNull('slug', input.slug);
  if (slug !== undefined) changes.slug = courseSlug(slug);
  const title = notNull('title', input.title);
  if (title !== undefined) changes.title = courseTitle(title);
  if (input.description !== undefined) changes.description = courseDescription(input.description);
  const level = notNull('level', input.level);
  if (level !== undefined) changes.level = level;
  const capacity = notNull('capacity', input.capacity);
  if (capacity !== undefined) changes.capacity = courseCapacity(capacity);
  if (input.price !== undefined) Object.assign(changes, coursePrice(input.price));
  const instructorId = notNull('instructorId', input.instructorId);
  if (instructorId !== undefined) changes.instructorId = requireUuid('instructorId', instructorId);
  return changes;
}

/** Only the changes that differ from the row: an update that changes nothing is no change. */
const differences = (course: Course, changes: CourseChanges): CourseChanges =>
  Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => course[key as keyof Course] !== value),
  );

/** updateCourse: the given fields, version + 1 and course.changed when anything changed. */
export async function updateCourse(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  input: UpdateCourseInput,
): Promise<Course> {
  const author = requireCourseAuthor(viewer);
  requireUuid('id', id);
  const requested = changesOf(input);
  return changeCourse(ctx, async (manager) => {
    const course = await lockOwnCourse(manager, author, id);
    const changes = differences(course, requested);
    if (changes.instructorId !== undefined && !isAdmin(author)) {
      throw forbidden('Only an admin can hand a course to another instructor.');
    }
    if (Object.keys(changes).length === 0) return { course, changed: false };
    return { course: await saveCourseChanges(manager, course, changes), changed: true };
  });
}
