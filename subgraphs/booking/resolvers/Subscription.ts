import type { Booking } from '../entities/booking';
import type { SubscriptionResolvers } from '../generated/graphql';
import { followBookingUpdates } from '../services/follow-booking-updates';

export const Subscription: SubscriptionResolvers = {
  bookingUpdated: {
    // Throws UNAUTHENTICATED here, at subscribe time, for an anonymous viewer.
    subscribe: (_parent, _args, ctx) => followBookingUpdates(ctx, ctx.viewer),
    // The stream yields bookings themselves.
    resolve: (booking: Booking) => booking,
  },
};
