import { In, type DataSource, type ObjectLiteral, type QueryDeepPartialEntity } from 'typeorm';
import { DEMO_COURSES, DEMO_ROOMS } from '../shared/demo/catalog';
import type { Logger } from '../shared/logger';
import { DEMO_ATTENDANCE, DEMO_PAST_SCHEDULE } from './demo-attendance';
import { AttendanceRecord } from './entities/attendance-record';
import { ClassSchedule } from './entities/class-schedule';
import { Course } from './entities/course';
import { CourseSection } from './entities/course-section';
import { Lesson } from './entities/lesson';
import { Room } from './entities/room';
import { DEFAULT_CURRENCY } from './services/money';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

interface DemoSlot {
  id: string;
  roomId: string;
  inDays: number;
  hour: number;
  hours: number;
}

/** A class at start of today (UTC) plus whole days and hours: the catalog's way of timing. */
function scheduleRow(seededAt: Date, courseId: string, slot: DemoSlot) {
  const today = Date.UTC(seededAt.getUTCFullYear(), seededAt.getUTCMonth(), seededAt.getUTCDate());
  const startsAt = new Date(today + slot.inDays * DAY_MS + slot.hour * HOUR_MS);
  const endsAt = new Date(startsAt.getTime() + slot.hours * HOUR_MS);
  return { id: slot.id, courseId, roomId: slot.roomId, startsAt, endsAt };
}

function demoRows(seededAt: Date) {
  const courses = DEMO_COURSES.map((c) => ({
    id: c.id,
    slug: c.slug,
    title: c.title,
    description: c.description,
    level: c.level,
    status: c.status,
    capacity: c.capacity,
    priceCents: c.priceCents,
    currency: c.priceCents === null ? null : DEFAULT_CURRENCY,
    instructorId: c.instructorId,
    publishedAt: c.status === 'PUBLISHED' ? seededAt : null,
  }));
  const sections = DEMO_COURSES.flatMap((c) =>
    c.sections.map((s, position) => ({ id: s.id, courseId: c.id, title: s.title, position })),
  );
  const lessons = DEMO_COURSES.flatMap((c) =>
    c.sections.flatMap((s) =>
      s.lessons.map((l, position) => ({ ...l, sectionId: s.id, position })),
    ),
  );
  const past = scheduleRow(seededAt, DEMO_PAST_SCHEDULE.courseId, DEMO_PAST_SCHEDULE);
  const schedules = [
    ...DEMO_COURSES.flatMap((c) => c.schedules.map((slot) => scheduleRow(seededAt, c.id, slot))),
    past,
  ];
  const attendance = DEMO_ATTENDANCE.map((a) => ({
    scheduleId: past.id,
    studentId: a.studentId,
    status: a.status,
    checkedInAt:
      a.checkInMinutes === null
        ? null
        : new Date(past.startsAt.getTime() + a.checkInMinutes * MINUTE_MS),
  }));
  return { courses, sections, lessons, schedules, attendance };
}

/**
 * Rooms, courses with their sections, lessons and classes (contract: Demo data), plus a past
 * class with attendance. Runs only while a demo course is missing; every insert skips rows
 * that exist, so reruns add nothing and never overwrite changed demo rows.
 */
export async function seedCourse(db: DataSource, log: Logger): Promise<void> {
  const present = await db.getRepository(Course).countBy({ id: In(DEMO_COURSES.map((c) => c.id)) });
  if (present === DEMO_COURSES.length) return;
  const rows = demoRows(new Date());
  await db.transaction(async (manager) => {
    const insert = <T extends ObjectLiteral>(
      entity: new () => T,
      values: QueryDeepPartialEntity<T>[],
    ) => manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
    // Copies: TypeORM writes generated columns back into the objects it inserts.
    await insert(
      Room,
      DEMO_ROOMS.map((room) => ({ ...room })),
    );
    await insert(Course, rows.courses);
    await insert(CourseSection, rows.sections);
    await insert(Lesson, rows.lessons);
    await insert(ClassSchedule, rows.schedules);
    await insert(AttendanceRecord, rows.attendance);
  });
  log.info(
    { courses: DEMO_COURSES.length - present, schedules: rows.schedules.length },
    'seeded demo courses',
  );
}
