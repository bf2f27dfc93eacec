import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { intInRange, requiredText } from '../../shared/validation';
import { Course } from '../entities/course';
import { CourseSection } from '../entities/course-section';
import { Lesson } from '../entities/lesson';
import type { AddLessonInput } from '../generated/graphql';
import { requireCourseAuthor, requireCourseOwner } from './course-access';

/** Internal options (the seed's fixed demo ids); not part of the API. */
export interface AddLessonOptions {
  id?: string;
}

/**
 * addLesson: a lesson at the end of a section of the viewer's own course (or any, for an
 * admin). The section row stays locked until commit, so concurrent adds take the next
 * position one after another (backed by the unique (section_id, position) constraint).
 */
export async function addLesson(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sectionId: string,
  input: AddLessonInput,
  options: AddLessonOptions = {},
): Promise<Lesson> {
  const author = requireCourseAuthor(viewer);
  requireUuid('sectionId', sectionId);
  const values = {
    title: requiredText('title', input.title, 200),
    kind: input.kind,
    durationMinutes:
      input.durationMinutes == null
        ? null
        : intInRange('durationMinutes', input.durationMinutes, 1, 1440),
    isPreview: input.isPreview ?? false,
  };
  return ctx.db.transaction(async (manager) => {
    const section = await manager
      .getRepository(CourseSection)
      .createQueryBuilder('section')
      .setLock('for_no_key_update')
      .where('section.id = :sectionId', { sectionId })
      .getOne();
    if (!section) throw notFound('No course section with this id.');
    const course = await manager.findOneByOrFail(Course, { id: section.courseId });
    requireCourseOwner(author, course);
    const { next } = (await manager
      .getRepository(Lesson)
      .createQueryBuilder('lesson')
      .select('COALESCE(MAX(lesson.position) + 1, 0)', 'next')
      .where('lesson.sectionId = :sectionId', { sectionId })
      .getRawOne<{ next: number }>()) ?? { next: 0 };
    const lesson = manager.create(Lesson, {
      ...values,
      id: options.id,
      sectionId,
      position: Number(next),
    });
    await manager.insert(Lesson, lesson);
    return lesson;
  });
}
