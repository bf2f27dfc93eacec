import type { DataSource } from 'typeorm';
import { badUserInput } from '../../shared/errors';
import { ClassSchedule } from '../entities/class-schedule';
import { Course } from '../entities/course';
import { requireUuid } from '../../shared/ids';

export interface ScheduleWindow {
  courseId?: string | null;
  /** Default: now. */
  from?: Date | null;
  to?: Date | null;
}

/**
 * Classes of PUBLISHED courses (public, so no viewer is involved) starting in
 * [from, to), by start time. Only an explicit `from` after `to` is an error; a `to` in the
 * past with the default `from` just finds nothing.
 */
export function findAvailableSchedules(
  db: DataSource,
  { courseId, from, to }: ScheduleWindow,
): Promise<ClassSchedule[]> {
  if (courseId != null) requireUuid('courseId', courseId);
  if (from && to && from > to) throw badUserInput('to', 'to must not be before from.');
  const query = db
    .getRepository(ClassSchedule)
    .createQueryBuilder('schedule')
    .innerJoin(Course, 'course', 'course.id = schedule.courseId')
    .where(`course.status = 'PUBLISHED'`)
    .andWhere('schedule.startsAt >= :from', { from: from ?? new Date() });
  if (to) query.andWhere('schedule.startsAt < :to', { to });
  if (courseId != null) query.andWhere('schedule.courseId = :courseId', { courseId });
  return query.orderBy('schedule.startsAt', 'ASC').addOrderBy('schedule.id', 'ASC').getMany();
}
