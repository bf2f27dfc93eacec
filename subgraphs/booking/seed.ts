import { In } from 'typeorm';
import type { Role, Viewer } from '../shared/auth/viewer';
import type { ServiceContext } from '../shared/context';
import { DEMO_BOOKINGS, demoUser, type DemoBooking } from '../shared/demo/catalog';
import { Booking } from './entities/booking';
import { CourseView } from './entities/course-view';
import { cancelBooking } from './services/cancel-booking';
import { confirmBooking } from './services/confirm-booking';
import { registerForCourse } from './services/register-for-course';
import { rejectBooking } from './services/reject-booking';
import { updateEnrollmentProgress } from './services/update-enrollment-progress';

/** A demo user acting as the seed does: no real session behind it. */
const actingAs = (id: string, role: Role): Viewer => ({
  id,
  role,
  sessionId: 'seed',
  tokenId: 'seed',
});

/**
 * Plays one demo booking through the mutations' services, as its student and the admin
 * would: register, then confirm (with progress), reject or cancel.
 */
async function playDemoBooking(ctx: ServiceContext, demo: DemoBooking): Promise<void> {
  const student = actingAs(demo.userId, 'STUDENT');
  const admin = actingAs(demo.decidedById ?? demoUser('admin').id, 'ADMIN');
  await registerForCourse(
    ctx,
    student,
    {
      courseId: demo.courseId,
      scheduleId: demo.scheduleId,
      note: demo.note,
      idempotencyKey: `demo:${demo.id}`,
    },
    { id: demo.id },
  );
  if (demo.status === 'CONFIRMED') {
    const { enrollment } = await confirmBooking(ctx, admin, demo.id, {
      enrollmentId: demo.enrollment?.id,
    });
    const progress = demo.enrollment?.progressPercent ?? 0;
    if (progress > 0) await updateEnrollmentProgress(ctx, student, enrollment.id, progress);
  } else if (demo.status === 'REJECTED') {
    await rejectBooking(ctx, admin, demo.id);
  } else if (demo.status === 'CANCELLED') {
    await cancelBooking(ctx, student, demo.id);
  }
}

/**
 * Booking's part of the demo data (contract: Demo data), written through the same services
 * as the mutations, in catalog order. Bookings already there (by demo id) are skipped, so
 * reruns add nothing. Seats are counted against booking's course view, which course.changed
 * events fill: a demo course the view does not know yet (the course subgraph not running
 * in this process) is skipped with a warning, and a later seed adds its bookings.
 */
export async function seedBooking(ctx: ServiceContext): Promise<void> {
  const ids = DEMO_BOOKINGS.map((b) => b.id);
  const courseIds = [...new Set(DEMO_BOOKINGS.map((b) => b.courseId))];
  const [existing, known] = await Promise.all([
    ctx.db.getRepository(Booking).find({ select: { id: true }, where: { id: In(ids) } }),
    ctx.db.getRepository(CourseView).find({ select: { id: true }, where: { id: In(courseIds) } }),
  ]);
  const seeded = new Set(existing.map((b) => b.id));
  const knownCourses = new Set(known.map((c) => c.id));

  const missing = DEMO_BOOKINGS.filter((b) => !seeded.has(b.id));
  const playable = missing.filter((b) => knownCourses.has(b.courseId));
  const unknown = [
    ...new Set(missing.filter((b) => !knownCourses.has(b.courseId)).map((b) => b.courseId)),
  ];
  if (unknown.length > 0) {
    ctx.log.warn(
      { courses: unknown, bookings: missing.length - playable.length },
      'demo bookings skipped: course.changed has not brought their courses yet',
    );
  }
  for (const demo of playable) await playDemoBooking(ctx, demo);
  if (playable.length > 0) ctx.log.info({ bookings: playable.length }, 'seeded demo bookings');
}
