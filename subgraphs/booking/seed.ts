import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { DEMO_BOOKINGS, DEMO_COURSES, type DemoBooking } from '../shared/demo/catalog';
import type { Logger } from '../shared/logger';
import { Booking } from './entities/booking';
import { CourseView } from './entities/course-view';
import { Enrollment } from './entities/enrollment';

const DAY_MS = 86_400_000;

/**
 * When each demo booking happened: two days apart in catalog order, the last one two days
 * ago; decided (and enrolled) a day after being made, completed a day after that.
 */
export function demoBookingTimes(index: number, now = Date.now()) {
  const createdAt = new Date(now - (DEMO_BOOKINGS.length - index) * 2 * DAY_MS);
  const decidedAt = new Date(createdAt.getTime() + DAY_MS);
  return { createdAt, decidedAt, completedAt: new Date(decidedAt.getTime() + DAY_MS) };
}

const isDecided = (b: DemoBooking): boolean => b.status === 'CONFIRMED' || b.status === 'REJECTED';

/** Inserts rows whose key is not there yet; returns how many were new. */
async function insertMissing<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => E,
  rows: Partial<E>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows)
    .orIgnore()
    .returning('id')
    .execute();
  return (result.raw as unknown[]).length;
}

/**
 * Booking's part of the demo data (contract: Demo data): its view of the demo courses,
 * the demo bookings and the enrollments of confirmed ones. Inserts only what is missing,
 * in one transaction, so reruns add nothing.
 */
export async function seedBooking(db: DataSource, log: Logger): Promise<void> {
  const now = Date.now();
  const courses = DEMO_COURSES.map((c) => ({
    id: c.id,
    status: c.status,
    capacity: c.capacity,
    instructorId: c.instructorId,
  }));
  const bookings = DEMO_BOOKINGS.map((b, i) => {
    const { createdAt, decidedAt } = demoBookingTimes(i, now);
    return {
      id: b.id,
      userId: b.userId,
      courseId: b.courseId,
      scheduleId: b.scheduleId,
      status: b.status,
      note: b.note,
      createdAt,
      decidedAt: isDecided(b) ? decidedAt : null,
      decidedById: b.decidedById,
    };
  });
  const enrollments = DEMO_BOOKINGS.flatMap((b, i) => {
    if (!b.enrollment) return [];
    const { decidedAt, completedAt } = demoBookingTimes(i, now);
    const { id, progressPercent, completed } = b.enrollment;
    return [
      {
        id,
        bookingId: b.id,
        userId: b.userId,
        courseId: b.courseId,
        status: completed ? ('COMPLETED' as const) : ('ACTIVE' as const),
        progressPercent,
        enrolledAt: decidedAt,
        completedAt: completed ? completedAt : null,
      },
    ];
  });

  const inserted = await db.transaction(async (manager) => ({
    courses: await insertMissing(manager, CourseView, courses),
    bookings: await insertMissing(manager, Booking, bookings),
    enrollments: await insertMissing(manager, Enrollment, enrollments),
  }));
  if (inserted.courses + inserted.bookings + inserted.enrollments > 0) {
    log.info(inserted, 'seeded demo course view, bookings and enrollments');
  }
}
