import type { BookingResolvers } from '../generated/graphql';
import { canSeeBooking } from '../services/access';

export const Booking: BookingResolvers = {
  // A reference the viewer may not see resolves to null rather than FORBIDDEN: whoever
  // holds the id learns nothing (not even that it exists), and one hidden booking does
  // not put an error on a whole batch of entities.
  __resolveReference: async ({ id }, { viewer, loaders }) => {
    const booking = await loaders.bookingById.load(id);
    return booking && canSeeBooking(viewer, booking) ? booking : null;
  },
  user: (booking) => ({ id: booking.userId }),
  course: (booking) => ({ id: booking.courseId }),
  schedule: (booking) => (booking.scheduleId ? { id: booking.scheduleId } : null),
  decidedBy: (booking) => (booking.decidedById ? { id: booking.decidedById } : null),
};
