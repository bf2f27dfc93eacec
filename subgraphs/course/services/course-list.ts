import type { DataSource } from 'typeorm';
import type { Viewer } from '../../shared/auth/viewer';
import {
  paginate,
  type Connection,
  type KeysetOrder,
  type PageArgs,
} from '../../shared/pagination';
import { Course } from '../entities/course';
import type { CourseFilter } from '../generated/graphql';
import { requireUuid } from '../../shared/ids';
import { optionalText } from '../../shared/validation';
import { TITLE_MAX } from './course-fields';
import { whereCourseVisible } from './visibility';

/** As long as the longest title, so a search for a whole title still works. */
export const MAX_COURSE_SEARCH_LENGTH = TITLE_MAX;

const BY_TITLE: KeysetOrder<Course> = {
  columns: [
    { sql: 'course.title', kind: 'text', maxLength: TITLE_MAX },
    { sql: 'course.id', kind: 'uuid' },
  ],
  values: (course) => [course.title, course.id],
};

/** `%` and `_` in what the user typed are literal characters, not wildcards. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The courses connection: visible courses matching the filter, keyset-paged by (title, id). */
export function listCourses(
  db: DataSource,
  viewer: Viewer | null,
  page: PageArgs,
  filter: CourseFilter,
): Promise<Connection<Course>> {
  const query = whereCourseVisible(
    db.getRepository(Course).createQueryBuilder('course'),
    'course',
    viewer,
  );
  if (filter.status) query.andWhere('course.status = :status', { status: filter.status });
  if (filter.level) query.andWhere('course.level = :level', { level: filter.level });
  if (filter.instructorId != null) {
    query.andWhere('course.instructorId = :instructorId', {
      instructorId: requireUuid('instructorId', filter.instructorId),
    });
  }
  const search = optionalText('search', filter.search, MAX_COURSE_SEARCH_LENGTH);
  if (search) {
    // ILIKE '%…%' on each column uses its trigram index.
    query.andWhere('(course.title ILIKE :pattern OR course.description ILIKE :pattern)', {
      pattern: `%${escapeLike(search)}%`,
    });
  }
  return paginate(query, page, BY_TITLE);
}
