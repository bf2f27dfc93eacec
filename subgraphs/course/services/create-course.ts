import { isAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { forbidden } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { Course } from '../entities/course';
import type { CreateCourseInput } from '../generated/graphql';
import { requireCourseAuthor } from './course-access';
import { changeCourse } from './course-changes';
import {
  courseCapacity,
  courseDescription,
  coursePrice,
  courseSlug,
  courseTitle,
} from './course-fields';

/** Internal options (the seed's fixed demo ids); not part of the API. */
export interface CreateCourseOptions {
  id?: string;
}

/**
 * The instructor of a new or handed-over course: the viewer by default; only an admin may
 * name someone else (any user id: this subgraph cannot see other subgraphs' users).
 */
export function chosenInstructor(viewer: Viewer, instructorId: string | null | undefined): string {
  if (instructorId == null) return viewer.id;
  requireUuid('instructorId', instructorId);
  if (instructorId !== viewer.id && !isAdmin(viewer)) {
    throw forbidden('Only an admin can make someone else the instructor of a course.');
  }
  return instructorId;
}

/** createCourse: a DRAFT course at version 1, announced by course.changed. */
export async function createCourse(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: CreateCourseInput,
  options: CreateCourseOptions = {},
): Promise<Course> {
  const author = requireCourseAuthor(viewer);
  const instructorId = chosenInstructor(author, input.instructorId);
  const values = {
    slug: courseSlug(input.slug),
    title: courseTitle(input.title),
    description: courseDescription(input.description),
    level: input.level,
    capacity: courseCapacity(input.capacity),
    ...coursePrice(input.price),
    instructorId,
    status: 'DRAFT' as const,
    version: 1,
    publishedAt: null,
  };
  return changeCourse(ctx, async (manager) => {
    // Insert, no check first: a taken slug fails on the unique constraint (CONFLICT).
    const course = manager.create(Course, { ...values, id: options.id });
    await manager.insert(Course, course);
    return { course, changed: true };
  });
}
