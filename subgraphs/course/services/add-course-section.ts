import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { requireUuid } from '../../shared/ids';
import { requiredText } from '../../shared/validation';
import { CourseSection } from '../entities/course-section';
import { lockOwnCourse, requireCourseAuthor } from './course-access';

/** Internal options (the seed's fixed demo ids); not part of the API. */
export interface AddCourseSectionOptions {
  id?: string;
}

/**
 * addCourseSection: a section at the end of the course's outline. The course row stays
 * locked until commit, so concurrent adds take the next position one after another (the
 * unique (course_id, position) constraint backs this up). Not a change of the course row:
 * no version bump, no event.
 */
export async function addCourseSection(
  ctx: ServiceContext,
  viewer: Viewer | null,
  courseId: string,
  title: string,
  options: AddCourseSectionOptions = {},
): Promise<CourseSection> {
  const author = requireCourseAuthor(viewer);
  requireUuid('courseId', courseId);
  const sectionTitle = requiredText('title', title, 200);
  return ctx.db.transaction(async (manager) => {
    await lockOwnCourse(manager, author, courseId);
    const { next } = (await manager
      .getRepository(CourseSection)
      .createQueryBuilder('section')
      .select('COALESCE(MAX(section.position) + 1, 0)', 'next')
      .where('section.courseId = :courseId', { courseId })
      .getRawOne<{ next: number }>()) ?? { next: 0 };
    const section = manager.create(CourseSection, {
      id: options.id,
      courseId,
      title: sectionTitle,
      position: Number(next),
    });
    await manager.insert(CourseSection, section);
    return section;
  });
}
