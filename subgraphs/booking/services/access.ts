import { isAdmin, requireViewer, type Viewer } from '../../shared/auth/viewer';
import { forbidden } from '../../shared/errors';
import type { Booking } from '../entities/booking';
import type { CourseView } from '../entities/course-view';

/** A booking is its owner's and the admins' business only. */
export const canSeeBooking = (viewer: Viewer | null, booking: Booking): boolean =>
  viewer !== null && (viewer.id === booking.userId || isAdmin(viewer));

/** A course's enrollment list: its instructor (per booking's course view) or an admin. */
export function requireCourseStaff(viewer: Viewer | null, course: CourseView): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.id !== course.instructorId && !isAdmin(signedIn)) {
    throw forbidden("Only the course's instructor or an admin can see its enrollments.");
  }
  return signedIn;
}
