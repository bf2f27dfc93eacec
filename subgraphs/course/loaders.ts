import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
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
      (ids: readonly string[]) => db.getRepository(Course).findBy({ id: In(uuidsOf(ids)) }),
      (course) => course.id,
    ),
    courseBySlug: loaderByKey(
      (slugs: readonly string[]) => db.getRepository(Course).findBy({ slug: In([...slugs]) }),
      (course) => course.slug,
    ),
    coursesByInstructor: loaderByGroup(
      (instructorIds: readonly string[]) =>
        db.getRepository(Course).find({
          where: { instructorId: In(uuidsOf(instructorIds)) },
          order: { title: 'ASC', id: 'ASC' },
        }),
      (course) => course.instructorId,
    ),
    sectionsByCourse: loaderByGroup(
      (courseIds: readonly string[]) =>
        db.getRepository(CourseSection).find({
          where: { courseId: In([...courseIds]) },
          order: { position: 'ASC', id: 'ASC' },
        }),
      (section) => section.courseId,
    ),
    lessonsBySection: loaderByGroup(
      (sectionIds: readonly string[]) =>
        db.getRepository(Lesson).find({
          where: { sectionId: In([...sectionIds]) },
          order: { position: 'ASC', id: 'ASC' },
        }),
      (lesson) => lesson.sectionId,
    ),
    schedulesByCourse: courseSchedulesLoader(db),
    scheduleById: loaderByKey(
      (ids: readonly string[]) => db.getRepository(ClassSchedule).findBy({ id: In(uuidsOf(ids)) }),
      (schedule) => schedule.id,
    ),
    roomById: loaderByKey(
      (ids: readonly string[]) => db.getRepository(Room).findBy({ id: In([...ids]) }),
      (room) => room.id,
    ),
    attendanceBySchedule: loaderByGroup(
      (scheduleIds: readonly string[]) =>
        db.getRepository(AttendanceRecord).find({
          where: { scheduleId: In([...scheduleIds]) },
          order: { checkedInAt: { direction: 'ASC', nulls: 'LAST' }, studentId: 'ASC' },
        }),
      (record) => record.scheduleId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
