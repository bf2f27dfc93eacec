import { DEMO_BOOKINGS, demoCourse, type DemoCourse } from '../shared/demo/catalog';
import { demoId } from '../shared/demo/ids';
import type { AttendanceStatus } from './entities/attendance-record';

/**
 * The catalog lists only upcoming classes, so attendance would have nothing to show. This
 * subgraph adds one class of the first demo course a week in the past (same hour and room
 * as its other classes, so no room is double-booked) with attendance taken for the
 * students whose booking of that course is CONFIRMED.
 */
const course = demoCourse('graphql-federation-101');
const firstClass = course.schedules[0] as DemoCourse['schedules'][number];

export const DEMO_PAST_SCHEDULE = {
  id: demoId('schedule', `${course.slug}/past`),
  courseId: course.id,
  inDays: -7,
  hour: firstClass.hour,
  hours: firstClass.hours,
  roomId: firstClass.roomId,
};

const STATUSES: AttendanceStatus[] = ['PRESENT', 'LATE', 'ABSENT', 'EXCUSED'];
/** When each status checks in, in minutes from the start (null: did not check in). */
const CHECK_IN_MINUTES: Record<AttendanceStatus, number | null> = {
  PRESENT: -5,
  LATE: 15,
  ABSENT: null,
  EXCUSED: null,
};

export const DEMO_ATTENDANCE = DEMO_BOOKINGS.filter(
  (booking) => booking.courseId === course.id && booking.status === 'CONFIRMED',
).map((booking, i) => {
  const status = STATUSES[i % STATUSES.length] as AttendanceStatus;
  return { studentId: booking.userId, status, checkInMinutes: CHECK_IN_MINUTES[status] };
});
