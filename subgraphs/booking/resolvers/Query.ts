import { requireRole, requireViewer } from '../../shared/auth/viewer';
import { forbidden, notFound } from '../../shared/errors';
import type { QueryResolvers } from '../generated/graphql';
import { canSeeBooking, requireCourseStaff } from '../services/access';
import { courseEnrollmentsPage, ENROLLMENT_ORDER, pendingBookingsPage } from '../services/listings';
import { requireUuid } from '../../shared/ids';
import { checkPage } from '../../shared/pagination';

export const Query: QueryResolvers = {
  // Order of checks: signed in, well-formed id, exists (null), then owner or admin.
  booking: async (_parent, { id }, { viewer, loaders }) => {
    requireViewer(viewer);
    const booking = await loaders.bookingById.load(requireUuid('id', id));
    if (!booking) return null;
    if (!canSeeBooking(viewer, booking)) {
      throw forbidden('A booking is visible only to its owner and to admins.');
    }
    return booking;
  },
  myBookings: (_parent, { status }, { viewer, loaders }) =>
    loaders.bookingsByUser.load({ userId: requireViewer(viewer).id, status }),
  pendingBookings: (_parent, args, { viewer, db }) => {
    requireRole(viewer, 'ADMIN');
    return pendingBookingsPage(db, args);
  },
  // A course missing from booking's view is NOT_FOUND for everyone signed in: without it
  // there is no instructor to check against. Malformed arguments are reported first.
  courseEnrollments: async (_parent, { courseId, ...page }, { viewer, loaders, db }) => {
    requireViewer(viewer);
    requireUuid('courseId', courseId);
    checkPage(page, ENROLLMENT_ORDER);
    const course = await loaders.courseViewById.load(courseId);
    if (!course) throw notFound('No such course.');
    requireCourseStaff(viewer, course);
    return courseEnrollmentsPage(db, course.id, page);
  },
};
