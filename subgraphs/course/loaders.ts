import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { selectWhereIn } from '../shared/db/plain-select';
import { loaderByGroup, loaderByKey } from '../shared/loaders';
import { AttendanceRecord } from './entities/attendance-record';
import { ClassSchedule } from './entities/class-schedule';
import { Course } from './entities/course';
import { CourseSection } from './entities/course-section';
import { Lesson } from './entities/lesson';
import { Room } from './entities/room';
import { courseSchedulesLoader } from './services/course-schedules';
import { uuidsOf } from '../shared/ids';

/**
 * Per-request loaders: each batch is one SQL statement. They know nothing of the viewer
 * (createLoaders gets only the data source), so visibility is applied by the resolvers.
 */
export function createLoaders(db: DataSource) {
  return {
    courseById: loaderByKey(
      (ids: readonly string[]) => selectWhereIn(db, Course, 'id', uuidsOf(ids)),
      (course) => course.id,
    ),
    courseBySlug: loaderByKey(
      (slugs: readonly string[]) => selectWhereIn(db, Course, 'slug', slugs),
      (course) => course.slug,
    ),
    coursesByInstructor: loaderByGroup(
      (instructorIds: readonly string[]) =>
        selectWhereIn(db, Course, 'instructorId', uuidsOf(instructorIds), {
          orderBy: [
            ['title', 'ASC'],
            ['id', 'ASC'],
          ],
        }),
      (course) => course.instructorId,
    ),
    sectionsByCourse: loaderByGroup(
      (courseIds: readonly string[]) =>
        selectWhereIn(db, CourseSection, 'courseId', courseIds, {
          orderBy: [
            ['position', 'ASC'],
            ['id', 'ASC'],
          ],
        }),
      (section) => section.courseId,
    ),
    lessonsBySection: loaderByGroup(
      (sectionIds: readonly string[]) =>
        selectWhereIn(db, Lesson, 'sectionId', sectionIds, {
          orderBy: [
            ['position', 'ASC'],
            ['id', 'ASC'],
          ],
        }),
      (lesson) => lesson.sectionId,
    ),
    schedulesByCourse: courseSchedulesLoader(db),
    scheduleById: loaderByKey(
      (ids: readonly string[]) => selectWhereIn(db, ClassSchedule, 'id', uuidsOf(ids)),
      (schedule) => schedule.id,
    ),
    roomById: loaderByKey(
      (ids: readonly string[]) => selectWhereIn(db, Room, 'id', ids),
      (room) => room.id,
    ),
    attendanceBySchedule: loaderByGroup(
      (scheduleIds: readonly string[]) =>
        selectWhereIn(db, AttendanceRecord, 'scheduleId', scheduleIds, {
          orderBy: [
            ['checkedInAt', 'ASC', 'LAST'],
            ['studentId', 'ASC'],
          ],
        }),
      (record) => record.scheduleId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
