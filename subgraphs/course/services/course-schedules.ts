import DataLoader from 'dataloader';
import { traceBatch } from '../../shared/observability/dataloader-spans';
import type { DataSource } from 'typeorm';
import { ClassSchedule } from '../entities/class-schedule';

/** `Course.schedules(upcoming)`: true → upcoming, false → past, absent → all. */
export type ScheduleTiming = 'upcoming' | 'past' | 'all';

export const timingOf = (upcoming: boolean | null | undefined): ScheduleTiming =>
  upcoming === true ? 'upcoming' : upcoming === false ? 'past' : 'all';

export interface CourseSchedulesKey {
  courseId: string;
  timing: ScheduleTiming;
}

const TIME_CONDITION: Record<ScheduleTiming, string> = {
  upcoming: ' AND schedule.startsAt >= :now',
  past: ' AND schedule.startsAt < :now',
  all: '',
};

const matches = (timing: ScheduleTiming, startsAt: Date, now: Date): boolean =>
  timing === 'all' || (timing === 'upcoming') === startsAt >= now;

/**
 * Schedules per (course, timing). One batch may mix timings (aliases in one query), so the
 * statement ORs one condition per timing, and the rows are shared out again with the same
 * `now` the statement compared against.
 */
export function courseSchedulesLoader(db: DataSource) {
  return new DataLoader<CourseSchedulesKey, ClassSchedule[], string>(
    (keys) =>
      traceBatch('schedulesByCourse', keys.length, async () => {
        const now = new Date();
        const courseIdsByTiming = new Map<ScheduleTiming, string[]>();
        for (const { courseId, timing } of keys) {
          courseIdsByTiming.set(timing, [...(courseIdsByTiming.get(timing) ?? []), courseId]);
        }
        const params: Record<string, unknown> = { now };
        const conditions = [...courseIdsByTiming].map(([timing, courseIds]) => {
          params[`${timing}Ids`] = courseIds;
          return `(schedule.courseId IN (:...${timing}Ids)${TIME_CONDITION[timing]})`;
        });
        const rows = await db
          .getRepository(ClassSchedule)
          .createQueryBuilder('schedule')
          .where(conditions.join(' OR '), params)
          .orderBy('schedule.startsAt', 'ASC')
          .addOrderBy('schedule.id', 'ASC')
          .getMany();
        const rowsByCourse = new Map<string, ClassSchedule[]>();
        for (const row of rows) {
          rowsByCourse.set(row.courseId, [...(rowsByCourse.get(row.courseId) ?? []), row]);
        }
        return keys.map(({ courseId, timing }) =>
          (rowsByCourse.get(courseId) ?? []).filter((row) => matches(timing, row.startsAt, now)),
        );
      }),
    { cacheKeyFn: ({ courseId, timing }) => `${courseId}:${timing}` },
  );
}
